"""A student buys credits with a saved card: card_processor -> student_credits."""

from uuid import uuid4

from shared.auth import Identity
from shared.errors import NotFound
from shared.events import CreditsToppedUp, Money
from shared.unit_of_work import UnitOfWork
from wallet.cards.adapters import card_processor
from wallet.cards.retries import retry_while_unavailable
from wallet.identifiers import new_id
from wallet.ledger import journal, posting_rules
from wallet.payment_methods.repository import owned_payment_method
from wallet.topups.models import TopUp
from wallet.topups.repository import top_up_of_charge


def charge_key(student: Identity, request_key: str | None) -> str:
    """The processor's idempotency key. Derived from the request's Idempotency-Key, so a client that
    repeats a request whose answer it lost (even after a server error) gets the first charge, not a
    second one; without a key, each request is a new purchase."""
    if request_key is None:
        return f"top-up:{uuid4().hex}"
    return f"top-up:{student.user_id}:{request_key}"


async def buy_credits(uow: UnitOfWork, student: Identity, amount: Money, payment_method_id: str,
                      request_key: str | None) -> TopUp:
    marketplace_id = student.marketplace_id
    method = await owned_payment_method(uow.session, marketplace_id, student.user_id, payment_method_id)
    if method is None:
        raise NotFound("There is no payment method with this id.", slug="payment-method-not-found")
    processor = card_processor(uow, marketplace_id)
    key = charge_key(student, request_key)
    charge = await retry_while_unavailable(lambda: processor.charge(method.processor_token, amount, key))
    if (earlier := await top_up_of_charge(uow.session, marketplace_id, charge.id)) is not None:
        return earlier  # a repeat of a top-up whose answer was lost: that charge bought its credits already
    entry = posting_rules.top_up(student.user_id, amount.amount_minor, amount.currency)
    transaction_id = await journal.record(uow.session, marketplace_id, entry)
    top_up = TopUp(id=new_id("tu"), marketplace_id=marketplace_id, student_id=student.user_id,
                   payment_method_id=method.id, amount_minor=amount.amount_minor, currency=amount.currency,
                   charge_id=charge.id, transaction_id=transaction_id)
    uow.session.add(top_up)
    uow.emit(CreditsToppedUp(student_id=student.user_id, amount=amount, payment_id=top_up.id),
             marketplace=marketplace_id, subject=f"user/{student.user_id}")
    return top_up
