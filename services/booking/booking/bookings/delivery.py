"""MS-4: a lesson is delivered when the student confirms it after its end, or automatically when
nobody did within the booking's terms; delivery is what pays the provider (the wallet acts on
LessonDelivered)."""

from typing import Literal

from booking.bookings import events
from booking.bookings.changes import change_status
from booking.bookings.deadlines import AUTO_CONFIRM
from booking.bookings.lifecycle import BookingStatus, Step
from booking.bookings.models import Booking
from booking.clock import utcnow
from shared.errors import Conflict
from shared.unit_of_work import UnitOfWork


class LessonNotEnded(Conflict):
    slug = "lesson-not-ended"


async def deliver(uow: UnitOfWork, booking: Booking, confirmed_by: Literal["student", "auto"]) -> None:
    now = utcnow()
    if confirmed_by == "student" and booking.status == BookingStatus.CONFIRMED and now < booking.ends_at:
        raise LessonNotEnded(f"The lesson ends at {booking.ends_at.isoformat()}; confirm it after that.",
                             ends_at=booking.ends_at.isoformat())
    step = Step.DELIVERY_CONFIRMED if confirmed_by == "student" else Step.AUTO_CONFIRMED
    summary = ("The student confirmed the lesson took place." if confirmed_by == "student"
               else "Nobody confirmed or reported the lesson in time: confirmed automatically.")
    await change_status(uow.session, booking, step, summary, confirmed_by=confirmed_by)
    booking.delivered_at, booking.confirmed_by = now, confirmed_by
    await uow.cancel_timer(AUTO_CONFIRM, booking.id)
    uow.emit(events.delivered(booking, confirmed_by), marketplace=booking.marketplace_id, subject=booking.subject)
