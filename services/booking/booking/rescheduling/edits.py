"""The provider's "Edit Date/Time" (RS-4): the provider moves the lesson directly, stating that the
student agreed outside the platform. Recorded as such, carried like an agreed move, and counted
on the provider's record (PS-1). After the start, the team handles it (not the provider)."""

from booking.bookings.models import Booking
from booking.providers.strikes import StrikeKind, record_strike
from booking.rescheduling.closing import supersede
from booking.rescheduling.moving import move, require_movable
from booking.rescheduling.schemas import TimeEdit
from shared.unit_of_work import UnitOfWork


async def edit_time(uow: UnitOfWork, booking: Booking, edit: TimeEdit) -> None:
    require_movable(booking)
    await supersede(uow, booking, "the provider edited the lesson's time.")
    note = f"The student agreed outside the platform: {edit.note}"
    await move(uow, booking, edit.starts_at, how="provider_edit", initiated_by="provider", note=note)
    await record_strike(uow, booking, StrikeKind.REARRANGEMENT, note)
