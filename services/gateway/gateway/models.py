"""Every table of the gateway service, imported so the metadata (and alembic) sees them all."""

from gateway.api_keys.models import ApiKey
from gateway.marketplaces.models import Marketplace
from gateway.proxy.key_bindings import key_bindings_table

__all__ = ["ApiKey", "Marketplace", "key_bindings_table"]
