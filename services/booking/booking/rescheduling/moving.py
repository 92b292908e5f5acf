"""An agreed move (RS-3, RS-4): the booking takes a new slot of its provider's availability, its
payment stays as it is (nothing refunded, nothing charged), the old slot is free at once (BK-4), and
the new one is held by the same exclusion constraint as a new booking, when the changed booking is
saved (bookings.access.changing): should another booking hold it by then, the move fails as
'slot-taken' and nothing of it stays. One event says it all."""

from datetime import datetime, timedelta
from typing import Literal

from sqlmodel.ext.asyncio.session import AsyncSession

from booking.availability.slots import Interval, Slot
from booking.availability.store import load_schedule
from booking.bookings.changes import touch
from booking.bookings.deadlines import AUTO_CONFIRM, auto_confirm_at
from booking.bookings.lifecycle import BookingStatus, Step, next_status
from booking.bookings.models import Booking
from booking.bookings.start import require_not_started
from booking.clock import utcnow
from booking.providers.profiles import find_provider
from booking.rescheduling import events
from booking.rescheduling.lifecycle import Party
from booking.timeline.recorder import record
from shared.errors import Unprocessable
from shared.unit_of_work import UnitOfWork


def require_movable(booking: Booking) -> None:
    """Only a confirmed lesson moves, and only before it starts (RS-1)."""
    next_status(BookingStatus(booking.status), Step.RESCHEDULED)
    require_not_started(booking, utcnow(), "rescheduled")


async def free_slot(session: AsyncSession, booking: Booking, starts_at: datetime) -> Slot:
    """The provider's slot at `starts_at` for this lesson's length, if it is free (the booking's own
    time aside); else the problem with it: not a slot, past, blocked or taken."""
    duration = booking.ends_at - booking.starts_at
    if starts_at == booking.starts_at:
        message = "The lesson is at this time already; pick another one."
        raise Unprocessable(message, slug="same-time",
                            errors=[{"field": "starts_at", "message": message, "code": "same_time"}])
    provider = await find_provider(session, booking.marketplace_id, booking.provider_id, for_update=True)
    schedule = await load_schedule(session, provider.marketplace_id, provider.id, provider.timezone,
                                   Interval(starts_at, starts_at + timedelta(seconds=1)), duration, moving=booking.id)
    return schedule.slot_at(starts_at, duration, utcnow())


async def move(uow: UnitOfWork, booking: Booking, starts_at: datetime, *, how: Literal["request", "provider_edit"],
               initiated_by: Party, request_id: str | None = None, note: str | None = None) -> None:
    require_movable(booking)
    slot = await free_slot(uow.session, booking, starts_at)
    before_start, before_end = booking.starts_at, booking.ends_at
    booking.starts_at, booking.ends_at = slot.starts_at, slot.ends_at
    touch(booking)
    await uow.schedule(AUTO_CONFIRM, booking.id, auto_confirm_at(booking), marketplace=booking.marketplace_id)
    agreed = ("agreed by both parties" if how == "request"
              else "by the provider, who states the student agreed outside the platform")
    await record(uow.session, marketplace_id=booking.marketplace_id, booking_id=booking.id,
                 type="booking.rescheduled",
                 summary=f"Moved to {slot.starts_at.isoformat()}, {agreed}; the payment stays as it is.",
                 data={"from": before_start.isoformat(), "to": slot.starts_at.isoformat(), "how": how,
                       "initiated_by": initiated_by, "request_id": request_id, "note": note})
    uow.emit(events.rescheduled(booking, before_start, before_end, how, initiated_by, request_id),
             marketplace=booking.marketplace_id, subject=booking.subject)
