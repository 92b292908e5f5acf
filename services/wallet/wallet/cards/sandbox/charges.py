"""The sandbox's charges: stored per merchant and idempotency key, declines included, so the same
call always gets the same answer."""

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncEngine

from shared.events import Money
from wallet.cards.errors import CardDeclined, ProcessorRejected
from wallet.cards.port import Charge
from wallet.cards.sandbox.card_numbers import DECLINES, Behaviour
from wallet.cards.sandbox.models import SandboxCharge
from wallet.identifiers import new_id

charges = SandboxCharge.__table__


async def charge_by_key(engine: AsyncEngine, merchant: str, idempotency_key: str):
    async with engine.connect() as conn:
        return (await conn.execute(select(charges).where(
            charges.c.marketplace_id == merchant, charges.c.idempotency_key == idempotency_key))).mappings().first()


async def record_charge(engine: AsyncEngine, merchant: str, card_id: str, amount: Money, idempotency_key: str,
                        behaviour: Behaviour):
    failure_code = DECLINES[behaviour][0] if behaviour in DECLINES else None
    stmt = insert(charges).values(
        id=new_id("ch"), marketplace_id=merchant, card_id=card_id, amount_minor=amount.amount_minor,
        currency=amount.currency, idempotency_key=idempotency_key,
        status="failed" if failure_code else "succeeded", failure_code=failure_code)
    async with engine.begin() as conn:
        # A concurrent call with the same key may have won the race: then its charge is the answer.
        await conn.execute(stmt.on_conflict_do_nothing(index_elements=["marketplace_id", "idempotency_key"]))
    return await charge_by_key(engine, merchant, idempotency_key)


def answer(charge, card_id: str, amount: Money) -> Charge:
    """The stored outcome of a charge, as a repeat of the same call must see it again."""
    if (charge["card_id"], charge["amount_minor"], charge["currency"]) != (card_id, amount.amount_minor,
                                                                         amount.currency):
        raise ProcessorRejected("idempotency_key_reused", "the key was used for a different charge")
    if charge["status"] == "failed":
        code = charge["failure_code"]
        raise CardDeclined(code, next(reason for c, reason in DECLINES.values() if c == code))
    return Charge(charge["id"], amount, card_id, refunded_minor=charge["refunded_minor"])
