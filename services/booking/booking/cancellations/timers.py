from booking.bookings.access import booking_of_event
from booking.cancellations.queries import cancellation_of
from booking.cancellations.settlement import SETTLE, settle
from shared.timers import Timer, TimerRegistry
from shared.unit_of_work import UnitOfWork

timers = TimerRegistry()


@timers.on(SETTLE)
async def settle_cancellation(timer: Timer, uow: UnitOfWork) -> None:
    async with booking_of_event(uow, timer.marketplace, timer.key) as booking:
        await settle(uow, booking, await cancellation_of(uow.session, booking, for_update=True))
