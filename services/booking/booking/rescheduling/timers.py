from booking.bookings.access import booking_of_event
from booking.rescheduling.closing import LAPSE, lapse
from shared.timers import Timer, TimerRegistry
from shared.unit_of_work import UnitOfWork

timers = TimerRegistry()


@timers.on(LAPSE)
async def lapse_unanswered_request(timer: Timer, uow: UnitOfWork) -> None:
    async with booking_of_event(uow, timer.marketplace, timer.key) as booking:
        await lapse(uow, booking)
