"""One attempt at the processor for a pending card refund, under its own idempotency key, outside
any database transaction (the sandbox, like a real processor, commits on its own)."""

from shared.events import Money
from shared.unit_of_work import UnitOfWork
from wallet.card_refunds.models import CardRefund
from wallet.card_refunds.outcomes import record_not_refunded, record_refunded
from wallet.cards.adapters import card_processor
from wallet.cards.errors import CardDeclined, CardProcessorError, ProcessorRejected, ProcessorUnavailable
from wallet.cards.retries import retry_while_unavailable
from wallet.payments.models import Payment


async def attempt_refund(uow: UnitOfWork, pending: CardRefund) -> CardRefund:
    """The card refund as it stands after this attempt: succeeded, failed or refused."""
    payment = await uow.session.get(Payment, pending.payment_id)
    processor = card_processor(uow, pending.marketplace_id)
    amount = Money(amount_minor=pending.amount_minor, currency=pending.currency)
    try:
        refunded = await retry_while_unavailable(
            lambda: processor.refund(payment.charge_id, amount, idempotency_key=pending.processor_key))
    except CardProcessorError as error:
        code, reason, temporary = _failure(error)
        return await record_not_refunded(uow, pending, code, reason, temporary)
    return await record_refunded(uow, pending, refunded.id)


def _failure(error: CardProcessorError) -> tuple[str, str, bool]:
    """(code, reason, temporary) of a processor failure."""
    if isinstance(error, ProcessorUnavailable):
        return "processor_unavailable", str(error), True
    if isinstance(error, CardDeclined):
        return error.code, error.reason, False
    if isinstance(error, ProcessorRejected):
        return error.code, str(error), False
    return "processor_error", str(error), False
