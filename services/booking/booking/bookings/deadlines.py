"""The booking's timers and when they fall due, from the booking's own terms (BK-6)."""

from datetime import datetime, timedelta

from booking.bookings.models import Booking

PAYMENT_TIMEOUT = "booking.payment_timeout"
ACCEPTANCE_TIMEOUT = "booking.acceptance_timeout"
AUTO_CONFIRM = "booking.auto_confirm"


def payment_deadline(booking: Booking) -> datetime:
    """A payment stuck at the wallet (a processor outage) must not hold the slot for ever."""
    return min(booking.created_at + timedelta(minutes=booking.policy.payment_timeout_minutes), booking.starts_at)


def acceptance_deadline(booking: Booking, asked_at: datetime) -> datetime:
    """The terms' timeout, but never past the lesson's start: an answer after that is no answer."""
    return min(asked_at + timedelta(hours=booking.policy.acceptance_timeout_hours), booking.starts_at)


def auto_confirm_at(booking: Booking) -> datetime:
    """MS-4: a lesson nobody confirmed or reported is delivered this long after its end."""
    return booking.ends_at + timedelta(days=booking.policy.auto_confirm_after_days)
