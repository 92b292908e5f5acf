"""The sandbox CardProcessor: single-use tokens attached as the merchant's cards (tokens.py; the tokens
themselves are issued by the processor's public route, public_api.py), charges and refunds with ids,
honoured idempotency keys, declines and retryable failures chosen by the test card, outages of the
merchant account (control.py) that fail charges and refunds alike, and refunds that can't exceed their
charge.

Each call runs in its own database transactions, never in the caller's: like a real processor, what
it did stays done even if the caller's transaction rolls back, and the caller's retry under the same
idempotency key finds it.
"""

from pydantic import SecretStr
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncEngine

from shared.events import Money
from wallet.cards.errors import ProcessorRejected, ProcessorUnavailable
from wallet.cards.port import Charge, ProcessorCard, Refund
from wallet.cards.sandbox.card_numbers import Behaviour
from wallet.cards.sandbox.charges import answer, charge_by_key, record_charge
from wallet.cards.sandbox.control import in_outage
from wallet.cards.sandbox.models import SandboxAttempt, SandboxCard
from wallet.cards.sandbox.refunds import refund_charge
from wallet.cards.sandbox.tokens import attach_token

cards, attempts = SandboxCard.__table__, SandboxAttempt.__table__


class SandboxProcessor:
    name = "sandbox"

    def __init__(self, engine: AsyncEngine, marketplace_id: str):
        self._engine = engine
        self._merchant = marketplace_id

    async def attach(self, token: SecretStr) -> ProcessorCard:
        return await attach_token(self._engine, self._merchant, token)

    async def charge(self, payment_method_id: str, amount: Money, idempotency_key: str) -> Charge:
        await self._fail_during_an_outage()
        earlier = await charge_by_key(self._engine, self._merchant, idempotency_key)
        if earlier is None:
            behaviour = await self._behaviour(payment_method_id)
            await self._fail_like_a_real_processor(behaviour, idempotency_key)
            earlier = await record_charge(self._engine, self._merchant, payment_method_id, amount,
                                          idempotency_key, behaviour)
        return answer(earlier, payment_method_id, amount)

    async def refund(self, charge_id: str, amount: Money, idempotency_key: str) -> Refund:
        await self._fail_during_an_outage()
        return await refund_charge(self._engine, self._merchant, charge_id, amount, idempotency_key)

    async def _behaviour(self, card_id: str) -> Behaviour:
        async with self._engine.connect() as conn:
            behaviour = (await conn.execute(select(cards.c.behaviour).where(
                cards.c.id == card_id, cards.c.marketplace_id == self._merchant))).scalar_one_or_none()
        if behaviour is None:
            raise ProcessorRejected("no_such_payment_method", "unknown payment method")
        return Behaviour(behaviour)

    async def _fail_during_an_outage(self) -> None:
        if await in_outage(self._engine, self._merchant):
            raise ProcessorUnavailable("sandbox: the processor is unavailable (simulated outage), retry later")

    async def _fail_like_a_real_processor(self, behaviour: Behaviour, idempotency_key: str) -> None:
        if behaviour is Behaviour.UNAVAILABLE:
            raise ProcessorUnavailable("sandbox: processing error (simulated outage), retry later")
        if behaviour is Behaviour.FAILS_FIRST_ATTEMPT and await self._count_attempt(idempotency_key) == 1:
            raise ProcessorUnavailable("sandbox: processing error on the first attempt, retry with the same key")

    async def _count_attempt(self, idempotency_key: str) -> int:
        # Committed on its own, before the failure is raised: the next attempt must see this one.
        stmt = insert(attempts).values(marketplace_id=self._merchant, idempotency_key=idempotency_key, attempts=1)
        stmt = stmt.on_conflict_do_update(index_elements=["marketplace_id", "idempotency_key"],
                                          set_={"attempts": attempts.c.attempts + 1})
        async with self._engine.begin() as conn:
            return (await conn.execute(stmt.returning(attempts.c.attempts))).scalar_one()
