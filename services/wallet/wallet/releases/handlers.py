from shared.events import BookingReleased, Envelope
from shared.messaging.handlers import HandlerRegistry
from shared.unit_of_work import UnitOfWork
from wallet.releases.release import settle_released_booking

handlers = HandlerRegistry()


@handlers.on(BookingReleased.event_type)
async def settle_released(event: Envelope[BookingReleased], uow: UnitOfWork) -> None:
    await settle_released_booking(uow, event.marketplace, event.data)
