from shared.events import BookingDeclined, Envelope
from shared.messaging.handlers import HandlerRegistry
from shared.unit_of_work import UnitOfWork
from wallet.refunds.reasons import reason_for
from wallet.refunds.refund import refund_booking

handlers = HandlerRegistry()


@handlers.on(BookingDeclined.event_type)
async def refund_declined_booking(event: Envelope[BookingDeclined], uow: UnitOfWork) -> None:
    """Declined or unanswered (BK-3): the full price goes back."""
    declined = event.data
    await refund_booking(uow, event.marketplace, declined.booking_id, declined.refund, reason_for(declined))
