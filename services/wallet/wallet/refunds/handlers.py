from shared.events import BookingCancelled, BookingDeclined, Envelope, RefundExceptionGranted
from shared.messaging.handlers import HandlerRegistry
from shared.unit_of_work import UnitOfWork
from wallet.refunds.reasons import cancellation_reason, exception_reason, reason_for
from wallet.refunds.refund import refund_booking

handlers = HandlerRegistry()


@handlers.on(BookingDeclined.event_type)
async def refund_declined_booking(event: Envelope[BookingDeclined], uow: UnitOfWork) -> None:
    """Declined or unanswered (BK-3): the full price goes back."""
    declined = event.data
    await refund_booking(uow, event.marketplace, declined.booking_id, declined.refund, reason_for(declined))


@handlers.on(BookingCancelled.event_type)
async def refund_cancelled_booking(event: Envelope[BookingCancelled], uow: UnitOfWork) -> None:
    """CX-1..CX-3: what the cancellation's decision gives back; nothing when the provider keeps it all."""
    cancelled = event.data
    if cancelled.refund.amount_minor:
        await refund_booking(uow, event.marketplace, cancelled.booking_id, cancelled.refund,
                             cancellation_reason(cancelled), cancelled.refund_decision_id, cancelled.refund_form)


@handlers.on(RefundExceptionGranted.event_type)
async def refund_exception(event: Envelope[RefundExceptionGranted], uow: UnitOfWork) -> None:
    granted = event.data
    await refund_booking(uow, event.marketplace, granted.booking_id, granted.refund, exception_reason(granted),
                         granted.decision_id, granted.refund_form)
