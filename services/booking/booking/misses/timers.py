from booking.bookings.access import booking_of_event
from booking.misses.grace import grace_period_over
from booking.misses.remedies import MISS_GRACE
from shared.timers import Timer, TimerRegistry
from shared.unit_of_work import UnitOfWork

timers = TimerRegistry()


@timers.on(MISS_GRACE)
async def miss_grace_over(timer: Timer, uow: UnitOfWork) -> None:
    async with booking_of_event(uow, timer.marketplace, timer.key) as booking:
        await grace_period_over(uow, booking)
