"""Every table of the booking service, imported so the metadata (and alembic) sees them all."""

from booking.marketplaces.models import Marketplace

__all__ = ["Marketplace"]
