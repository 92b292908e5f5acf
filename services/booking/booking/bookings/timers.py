"""The booking's deadlines. A timer that finds its booking moved on meanwhile does nothing: the
provider answered, or the student confirmed, just before it fired. The auto-confirm timer also does
nothing while a problem report is open (reports.py sets it again when the report is resolved)."""

from booking.bookings.acceptance import decline
from booking.bookings.access import booking_of_event
from booking.bookings.deadlines import ACCEPTANCE_TIMEOUT, AUTO_CONFIRM, PAYMENT_TIMEOUT
from booking.bookings.delivery import deliver
from booking.bookings.lifecycle import BookingStatus, Step, can
from booking.bookings.payment_outcomes import payment_timed_out
from booking.bookings.reports import held_by_report
from booking.timeline.recorder import record
from shared.timers import Timer, TimerRegistry
from shared.unit_of_work import UnitOfWork

timers = TimerRegistry()


@timers.on(PAYMENT_TIMEOUT)
async def payment_not_answered(timer: Timer, uow: UnitOfWork) -> None:
    async with booking_of_event(uow, timer.marketplace, timer.key) as booking:
        await payment_timed_out(uow, booking)


@timers.on(ACCEPTANCE_TIMEOUT)
async def acceptance_timed_out(timer: Timer, uow: UnitOfWork) -> None:
    async with booking_of_event(uow, timer.marketplace, timer.key) as booking:
        if can(BookingStatus(booking.status), Step.ACCEPTANCE_TIMED_OUT):
            await decline(uow, booking, "acceptance_timeout")


@timers.on(AUTO_CONFIRM)
async def auto_confirm(timer: Timer, uow: UnitOfWork) -> None:
    async with booking_of_event(uow, timer.marketplace, timer.key) as booking:
        if not can(BookingStatus(booking.status), Step.AUTO_CONFIRMED):
            return
        if held_by_report(booking):
            # MS-4: a reported lesson is not confirmed automatically; the report's resolution sets the timer again.
            await record(uow.session, marketplace_id=booking.marketplace_id, booking_id=booking.id,
                         type="booking.auto_confirm_held", data={"report_id": booking.open_report_id},
                         summary="Not confirmed automatically: a problem report on the lesson is open.")
            return
        await deliver(uow, booking, confirmed_by="auto")
