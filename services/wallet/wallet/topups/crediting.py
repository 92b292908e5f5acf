"""Crediting a card charge that succeeded, or refunding it: such a charge never ends with neither.

The crediting transaction may fail anywhere up to and including its commit: the database, a bug, a
concurrent top-up that took the student's room under the ceiling. The charge is then refunded through
the processor, unless the top-up turns out to be recorded after all (a commit whose answer was lost).
A refund that fails too is logged as an error: the money is at the processor with no credits for it,
and a repeat of the request under the same Idempotency-Key credits that charge."""

import asyncio
from contextlib import suppress
from dataclasses import dataclass

import structlog
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from shared.auth import Identity
from shared.errors import Problem
from shared.events import CreditsToppedUp, Money
from shared.unit_of_work import UnitOfWork
from wallet.cards.port import CardProcessor, Charge
from wallet.cards.retries import retry_while_unavailable
from wallet.identifiers import new_id
from wallet.ledger import journal, posting_rules
from wallet.ledger.balances import owner_balance
from wallet.topups.ceiling import lock_room_for_credits
from wallet.topups.models import TopUp
from wallet.topups.problems import TopUpChargeRefunded, TopUpNotCredited
from wallet.topups.repository import top_up_of_charge

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class Credited:
    top_up: TopUp
    balance_minor: int  # the student's credits in the top-up's currency, after it


def refund_key(charge: Charge) -> str:
    """One refund per charge, however often crediting it fails."""
    return f"top-up-refund:{charge.id}"


async def credit_or_refund(uow: UnitOfWork, processor: CardProcessor, student: Identity, payment_method_id: str,
                           charge: Charge) -> Credited:
    try:
        return await _credit(uow, student, payment_method_id, charge)
    except TopUpChargeRefunded:
        raise  # refunded before: nothing to credit, nothing more to refund
    except (Exception, asyncio.CancelledError) as failure:
        if isinstance(failure, Problem):  # a refusal found under the lock (the ceiling), not a fault
            log.info("top_up.refused_after_charging", marketplace_id=student.marketplace_id, charge_id=charge.id,
                     refusal=failure.slug)
        else:
            log.exception("top_up.crediting_failed", marketplace_id=student.marketplace_id, charge_id=charge.id)
        # Shielded: a request cancelled while crediting still refunds (or finds its credits) to the end.
        refunded = await asyncio.shield(_refund_unless_credited(uow, processor, student.marketplace_id, charge))
        if not refunded or isinstance(failure, Problem | asyncio.CancelledError):
            raise  # a refusal (the ceiling) keeps its own answer; the charge was refunded all the same
        raise TopUpNotCredited(charge.id) from failure


async def _credit(uow: UnitOfWork, student: Identity, payment_method_id: str, charge: Charge) -> Credited:
    """card_processor -> student_credits, committed, once per charge."""
    session, marketplace_id, amount = uow.session, student.marketplace_id, charge.amount
    if (earlier := await top_up_of_charge(session, marketplace_id, charge.id)) is not None:
        # A repeat of a top-up whose answer was lost: that charge bought its credits already.
        return Credited(earlier, await _credits(uow, student, amount))
    if charge.refunded_minor:
        raise TopUpChargeRefunded(charge.id)
    await lock_room_for_credits(session, marketplace_id, student.user_id, amount)
    entry = posting_rules.top_up(student.user_id, amount.amount_minor, amount.currency)
    transaction_id = await journal.record(session, marketplace_id, entry)
    top_up = TopUp(id=new_id("tu"), marketplace_id=marketplace_id, student_id=student.user_id,
                   payment_method_id=payment_method_id, amount_minor=amount.amount_minor, currency=amount.currency,
                   charge_id=charge.id, transaction_id=transaction_id)
    session.add(top_up)
    uow.emit(CreditsToppedUp(student_id=student.user_id, amount=amount, payment_id=top_up.id),
             marketplace=marketplace_id, subject=f"user/{student.user_id}")
    balance = await _credits(uow, student, amount)
    await uow.commit()
    return Credited(top_up, balance)


async def _credits(uow: UnitOfWork, student: Identity, amount: Money) -> int:
    return await owner_balance(uow.session, student.marketplace_id, posting_rules.student_credits(student.user_id),
                               amount.currency)


async def _refund_unless_credited(uow: UnitOfWork, processor: CardProcessor, marketplace_id: str,
                                  charge: Charge) -> bool:
    """True when the charge is refunded (now, or by an earlier attempt under the same refund key)."""
    engine = uow.session.bind
    with suppress(Exception):  # the failed transaction ends here, freeing its locks; it may be gone already
        await uow.session.rollback()
    if await _credited_after_all(engine, marketplace_id, charge):
        log.error("top_up.credited_despite_the_failure", marketplace_id=marketplace_id, charge_id=charge.id)
        return False
    try:
        refund = await retry_while_unavailable(lambda: processor.refund(charge.id, charge.amount, refund_key(charge)))
    except Exception:
        log.exception("top_up.charge_neither_credited_nor_refunded", marketplace_id=marketplace_id,
                      charge_id=charge.id, amount_minor=charge.amount.amount_minor, currency=charge.amount.currency)
        return False
    log.warning("top_up.charge_refunded", marketplace_id=marketplace_id, charge_id=charge.id, refund_id=refund.id)
    return True


async def _credited_after_all(engine: AsyncEngine, marketplace_id: str, charge: Charge) -> bool:
    """Whether the top-up of the charge was committed although the commit raised. On a connection of its
    own: the request's session may be unusable. When the database can't tell, not credited: a charge
    refunded for nothing is better than money kept for nothing."""
    top_ups = TopUp.__table__
    try:
        async with engine.connect() as conn:
            found = (await conn.execute(select(top_ups.c.id).where(
                top_ups.c.marketplace_id == marketplace_id, top_ups.c.charge_id == charge.id))).first()
    except Exception:
        log.exception("top_up.crediting_unknown", marketplace_id=marketplace_id, charge_id=charge.id)
        return False
    return found is not None
