"""The sandbox CardProcessor: charges and refunds with ids, honoured idempotency keys, declines and
retryable failures chosen by the test card, outages of the merchant account (control.py) that fail
charges and refunds alike, and refunds that can't exceed their charge.

Each call runs in its own database transactions, never in the caller's: like a real processor, what
it did stays done even if the caller's transaction rolls back, and the caller's retry under the same
idempotency key finds it.
"""

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncEngine

from shared.events import Money
from wallet.cards.errors import ProcessorRejected, ProcessorUnavailable
from wallet.cards.port import CardDetails, CardToken, Charge, Refund
from wallet.cards.sandbox.card_numbers import Behaviour, behaviour_of, brand_of
from wallet.cards.sandbox.charges import answer, charge_by_key, record_charge
from wallet.cards.sandbox.control import in_outage
from wallet.cards.sandbox.models import SandboxAttempt, SandboxCard
from wallet.cards.sandbox.refunds import refund_charge
from wallet.identifiers import new_id

cards, attempts = SandboxCard.__table__, SandboxAttempt.__table__


class SandboxProcessor:
    name = "sandbox"

    def __init__(self, engine: AsyncEngine, marketplace_id: str):
        self._engine = engine
        self._merchant = marketplace_id

    async def tokenize(self, card: CardDetails) -> CardToken:
        behaviour = behaviour_of(card, datetime.now(UTC).date())
        number = card.number.replace(" ", "")
        token = CardToken(new_id("tok"), brand_of(number), number[-4:], card.exp_month, card.exp_year)
        async with self._engine.begin() as conn:
            await conn.execute(insert(cards).values(
                token=token.token, marketplace_id=self._merchant, brand=token.brand, last4=token.last4,
                exp_month=card.exp_month, exp_year=card.exp_year, behaviour=behaviour))
        return token

    async def charge(self, payment_method_token: str, amount: Money, idempotency_key: str) -> Charge:
        await self._fail_during_an_outage()
        earlier = await charge_by_key(self._engine, self._merchant, idempotency_key)
        if earlier is None:
            behaviour = await self._behaviour(payment_method_token)
            await self._fail_like_a_real_processor(behaviour, idempotency_key)
            earlier = await record_charge(self._engine, self._merchant, payment_method_token, amount,
                                          idempotency_key, behaviour)
        return answer(earlier, payment_method_token, amount)

    async def refund(self, charge_id: str, amount: Money, idempotency_key: str) -> Refund:
        await self._fail_during_an_outage()
        return await refund_charge(self._engine, self._merchant, charge_id, amount, idempotency_key)

    async def _behaviour(self, token: str) -> Behaviour:
        async with self._engine.connect() as conn:
            behaviour = (await conn.execute(select(cards.c.behaviour).where(
                cards.c.token == token, cards.c.marketplace_id == self._merchant))).scalar_one_or_none()
        if behaviour is None:
            raise ProcessorRejected("no_such_payment_method", "unknown card token")
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
