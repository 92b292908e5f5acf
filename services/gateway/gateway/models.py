"""Every table of the gateway service, imported so the metadata (and alembic) sees them all."""

from gateway.api_keys.models import ApiKey
from gateway.marketplaces.models import Marketplace

__all__ = ["ApiKey", "Marketplace"]
