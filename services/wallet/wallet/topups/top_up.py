"""A student buys credits with a saved card: card_processor -> student_credits.

Every check that can refuse the top-up runs before the processor is called, so a refusal never leaves
a charge behind; once the card is charged, the charge is credited or refunded (crediting.py)."""

from uuid import uuid4

from shared.auth import Identity
from shared.currencies import require_accepted
from shared.errors import NotFound
from shared.events import Money
from shared.unit_of_work import UnitOfWork
from wallet.cards.adapters import card_processor
from wallet.cards.retries import retry_while_unavailable
from wallet.marketplaces.currencies import accepted_currencies
from wallet.payment_methods.repository import owned_payment_method
from wallet.topups.ceiling import check_room_before_charging
from wallet.topups.crediting import Credited, credit_or_refund


def charge_key(student: Identity, request_key: str | None) -> str:
    """The processor's idempotency key. Derived from the request's Idempotency-Key, so a client that
    repeats a request whose answer it lost (even after a server error) gets the first charge, not a
    second one; without a key, each request is a new purchase."""
    if request_key is None:
        return f"top-up:{uuid4().hex}"
    return f"top-up:{student.user_id}:{request_key}"


async def buy_credits(uow: UnitOfWork, student: Identity, amount: Money, payment_method_id: str,
                      request_key: str | None) -> Credited:
    marketplace_id = student.marketplace_id
    require_accepted(await accepted_currencies(uow.session, marketplace_id), amount.currency, field="amount.currency")
    method = await owned_payment_method(uow.session, marketplace_id, student.user_id, payment_method_id)
    if method is None:
        raise NotFound("There is no payment method with this id.", slug="payment-method-not-found")
    await check_room_before_charging(uow.session, marketplace_id, student.user_id, amount)
    processor = card_processor(uow, marketplace_id)
    key = charge_key(student, request_key)
    charge = await retry_while_unavailable(lambda: processor.charge(method.processor_payment_method_id, amount, key))
    return await credit_or_refund(uow, processor, student, method.id, charge)
