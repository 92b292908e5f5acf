"""Every table of the booking service, imported so the metadata (and alembic) sees them all."""

from booking.availability.models import Block, WeeklyHours
from booking.bookings.models import Booking
from booking.marketplaces.models import Marketplace
from booking.offerings.models import Offering
from booking.providers.models import Provider
from booking.timeline.models import TimelineEntry

__all__ = ["Block", "Booking", "Marketplace", "Offering", "Provider", "TimelineEntry", "WeeklyHours"]
