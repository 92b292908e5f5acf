from shared.events import BookingRequested, Envelope
from shared.messaging.handlers import HandlerRegistry
from shared.unit_of_work import UnitOfWork
from wallet.payments.capture import take_payment

handlers = HandlerRegistry()


@handlers.on(BookingRequested.event_type)
async def take_booking_payment(event: Envelope[BookingRequested], uow: UnitOfWork) -> None:
    await take_payment(uow, event.marketplace, event.data)
