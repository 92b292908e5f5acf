"""The sandbox's refunds: never more than their charge, one per idempotency key."""

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncEngine

from shared.events import Money
from wallet.cards.errors import ProcessorRejected
from wallet.cards.port import Refund
from wallet.cards.sandbox.models import SandboxCharge, SandboxRefund
from wallet.identifiers import new_id

charges, refunds = SandboxCharge.__table__, SandboxRefund.__table__


async def refund_charge(engine: AsyncEngine, merchant: str, charge_id: str, amount: Money,
                        idempotency_key: str) -> Refund:
    async with engine.begin() as conn:
        # Locking the charge first makes concurrent refunds of it take turns, so the checks of the key
        # and of the refundable amount below see every refund committed before.
        charge = (await conn.execute(select(charges).where(
            charges.c.id == charge_id, charges.c.marketplace_id == merchant,
            charges.c.status == "succeeded").with_for_update())).mappings().first()
        if charge is None:
            raise ProcessorRejected("no_such_charge", f"no succeeded charge {charge_id}")
        earlier = (await conn.execute(select(refunds).where(
            refunds.c.marketplace_id == merchant, refunds.c.idempotency_key == idempotency_key))).mappings().first()
        if earlier is not None:
            if (earlier["charge_id"], earlier["amount_minor"]) != (charge_id, amount.amount_minor):
                raise ProcessorRejected("idempotency_key_reused", "the key was used for another refund")
            return Refund(earlier["id"], charge_id, amount)
        if amount.currency != charge["currency"]:
            raise ProcessorRejected("currency_mismatch", f"the charge is in {charge['currency']}")
        if charge["refunded_minor"] + amount.amount_minor > charge["amount_minor"]:
            raise ProcessorRejected("refund_exceeds_charge", "refunds can't add up to more than the charge")
        refund = Refund(new_id("re"), charge_id, amount)
        await conn.execute(update(charges).where(charges.c.id == charge_id)
                           .values(refunded_minor=charges.c.refunded_minor + amount.amount_minor))
        await conn.execute(insert(refunds).values(id=refund.id, marketplace_id=merchant, charge_id=charge_id,
                                                  amount_minor=amount.amount_minor, idempotency_key=idempotency_key))
    return refund
