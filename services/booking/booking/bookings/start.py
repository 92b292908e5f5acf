"""A lesson's start is where rescheduling and cancelling end (RS-1): after it, a lesson that did
not happen as booked is a missed lesson (MS-1), which the provider makes good with a promo code
(PC-1) or a refund, not a move."""

from datetime import datetime

from booking.bookings.models import Booking
from shared.errors import Conflict

PROMO_CODE_PATH = ("The provider can issue you a promo code for a replacement lesson instead (PC-1), "
                   "or either of you can report a problem with the lesson.")


class LessonStarted(Conflict):
    slug, title = "lesson-started", "The lesson has started"


def require_not_started(booking: Booking, now: datetime, action: str) -> None:
    """`action` ("rescheduled", "cancelled", ...) is refused from the lesson's start on."""
    if now >= booking.starts_at:
        raise LessonStarted(
            f"The lesson has started (at {booking.starts_at.isoformat()}); it can no longer be {action}. "
            f"{PROMO_CODE_PATH}", started_at=booking.starts_at.isoformat(), next_step="promo-code",
            promo_codes="/v1/promo-codes")
