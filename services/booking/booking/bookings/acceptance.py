"""After the payment: the lesson is confirmed at once, or the provider accepts or declines it
where the booking's terms say so (BK-3). A declined or unanswered booking is refunded in full
(the wallet acts on BookingDeclined) and its slot is free again."""

from typing import Literal

from booking.bookings import events
from booking.bookings.changes import change_status
from booking.bookings.deadlines import ACCEPTANCE_TIMEOUT, AUTO_CONFIRM, acceptance_deadline, auto_confirm_at
from booking.bookings.lifecycle import Step
from booking.bookings.models import Booking
from booking.clock import utcnow
from shared.unit_of_work import UnitOfWork


async def confirm(uow: UnitOfWork, booking: Booking) -> None:
    """The booking has just become confirmed: start the delivery clock and say so."""
    await uow.schedule(AUTO_CONFIRM, booking.id, auto_confirm_at(booking), marketplace=booking.marketplace_id)
    uow.emit(events.confirmed(booking), marketplace=booking.marketplace_id, subject=booking.subject)


async def ask_provider(uow: UnitOfWork, booking: Booking) -> None:
    """The booking now awaits the provider's answer, until its terms' timeout."""
    booking.respond_by = acceptance_deadline(booking, utcnow())
    await uow.schedule(ACCEPTANCE_TIMEOUT, booking.id, booking.respond_by, marketplace=booking.marketplace_id)
    uow.emit(events.acceptance_requested(booking), marketplace=booking.marketplace_id, subject=booking.subject)


async def accept(uow: UnitOfWork, booking: Booking) -> None:
    await change_status(uow.session, booking, Step.ACCEPTED, "The provider accepted the booking.")
    await uow.cancel_timer(ACCEPTANCE_TIMEOUT, booking.id)
    await confirm(uow, booking)


async def decline(uow: UnitOfWork, booking: Booking, reason: Literal["declined", "acceptance_timeout"]) -> None:
    step, summary = {
        "declined": (Step.DECLINED, "The provider declined the booking; the full price goes back."),
        "acceptance_timeout": (Step.ACCEPTANCE_TIMED_OUT,
                               "The provider did not answer in time; the full price goes back."),
    }[reason]
    await change_status(uow.session, booking, step, summary, reason=reason)
    booking.status_reason = reason
    await uow.cancel_timer(ACCEPTANCE_TIMEOUT, booking.id)
    uow.emit(events.declined(booking, reason), marketplace=booking.marketplace_id, subject=booking.subject)
