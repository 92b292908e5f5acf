from shared.events import BookingRequested, Money
from shared.unit_of_work import UnitOfWork
from wallet.cards.adapters import card_processor
from wallet.cards.errors import CardDeclined, ProcessorRejected
from wallet.ledger import journal, posting_rules
from wallet.payment_methods.repository import owned_payment_method
from wallet.payments.outcomes import NO_SUCH_CARD, PROCESSOR_REFUSED, Refused, Taken


async def charge_card(uow: UnitOfWork, marketplace_id: str, request: BookingRequested, amount: Money) -> str | Refused:
    """The processor's charge id, or why the card paid nothing. `amount` is the price, or what a promo
    code left of it."""
    method = await owned_payment_method(uow.session, marketplace_id, request.student_id, request.payment_method_id)
    if method is None:
        return NO_SUCH_CARD
    processor = card_processor(uow, marketplace_id)
    try:
        # The booking id is the idempotency key: however often this event (or the same request under
        # another event id) is handled, the processor charges the card once.
        charge = await processor.charge(method.processor_payment_method_id, amount, idempotency_key=request.booking_id)
    except CardDeclined as declined:
        return Refused(declined.code, declined.reason)
    except ProcessorRejected:
        return PROCESSOR_REFUSED
    # ProcessorUnavailable is left to propagate: nothing is recorded, the consumer retries with back-off,
    # and a charge that keeps failing ends in the dead-letter queue.
    return charge.id


async def take_from_card(uow: UnitOfWork, marketplace_id: str, request: BookingRequested) -> Taken | Refused:
    charged = await charge_card(uow, marketplace_id, request, request.price)
    if isinstance(charged, Refused):
        return charged
    entry = posting_rules.capture_from_card(request.price.amount_minor, request.price.currency)
    return Taken(await journal.record(uow.session, marketplace_id, entry, booking_id=request.booking_id), charged)
