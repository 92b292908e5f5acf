"""Every table of the booking service, imported so the metadata (and alembic) sees them all."""

from booking.availability.models import Block, WeeklyHours
from booking.bookings.models import Booking
from booking.cancellations.models import Cancellation, RefundDecision
from booking.marketplaces.models import Marketplace
from booking.offerings.models import Offering
from booking.providers.models import DisputedMark, Provider, ProviderStrike, StandingChange
from booking.rescheduling.models import RescheduleRequest
from booking.timeline.models import TimelineEntry

__all__ = ["Block", "Booking", "Cancellation", "DisputedMark", "Marketplace", "Offering", "Provider",
           "ProviderStrike", "RefundDecision", "RescheduleRequest", "StandingChange", "TimelineEntry", "WeeklyHours"]
