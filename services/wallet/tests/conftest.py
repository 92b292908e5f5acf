"""The wallet in-process against this run's PostgreSQL and RabbitMQ.

One wallet database and app serve the whole session; each test works in marketplaces of its own
(`mkt` fixture), which also shows that nothing crosses marketplaces. Booking events are handled by
the real consumer's `dispatch` (inbox claim, handler, commit) or, in test_broker_delivery, travel
through the broker to a running EventConsumer.
"""

import dataclasses
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from asgi_lifespan import LifespanManager
from sqlalchemy import func, select, text

from shared.auth import Role
from shared.events import (
    BookingCancelled,
    BookingDeclined,
    BookingReleased,
    BookingRequested,
    CancellationSettled,
    Envelope,
    EventData,
    LessonDelivered,
    MarketplaceRegistered,
    Money,
    RefundExceptionGranted,
)
from shared.http import create_app
from shared.messaging.broker import Broker
from shared.messaging.consumer import EventConsumer
from shared.messaging.outbox import outbox_table
from shared.runtime import Runtime
from shared.service import Service
from wallet.cards.sandbox.card_numbers import VISA_SUCCEEDS
from wallet.cards.sandbox.models import SandboxCharge
from wallet.cards.sandbox.public_api import TOKENS_PATH
from wallet.service import service


def new_id(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


@pytest.fixture(scope="session")
def wallet_service() -> Service:
    # A name of its own gives this session's wallet its own queues, apart from any other suite's wallet.
    return dataclasses.replace(service, name=f"wallet-{uuid.uuid4().hex[:6]}")


@pytest.fixture(scope="session")
async def wallet_settings(service_settings, wallet_service):
    return await service_settings(wallet_service)


@pytest.fixture
def mkt() -> str:
    return new_id("mkt")


class Wallet:
    """The app over HTTP, the consumer's dispatch, booking facts to feed it, and queries to check the ledger."""

    def __init__(self, client: httpx.AsyncClient, runtime: Runtime, make_token):
        self.client, self.runtime, self._make_token = client, runtime, make_token
        settings = runtime.settings
        self._consumer = EventConsumer(Broker(settings.amqp_url, runtime.names), runtime.service.handlers,
                                       runtime.sessionmaker, runtime.service.name, settings.retry_delays_ms)

    # --- HTTP ---------------------------------------------------------------------------------------
    def auth(self, mkt: str, user_id: str, role: Role = Role.STUDENT, **headers) -> dict:
        return {"Authorization": f"Bearer {self._make_token(user_id, role, mkt)}", **headers}

    async def tokenize(self, number: str = VISA_SUCCEEDS, cvc: str = "123") -> str:
        """What a partner's page does first: the card to the sandbox processor's route, a token back."""
        response = await self.client.post(TOKENS_PATH, json={
            "number": number, "exp_month": 12, "exp_year": datetime.now(UTC).year + 2, "cvc": cvc})
        assert response.status_code == 201, response.text
        return response.json()["token"]

    async def save_card(self, mkt: str, student: str, token: str, **headers) -> httpx.Response:
        return await self.client.post("/v1/payment-methods", headers=self.auth(mkt, student, **headers),
                                      json={"token": token})

    async def add_card(self, mkt: str, student: str, number: str = VISA_SUCCEEDS) -> str:
        response = await self.save_card(mkt, student, await self.tokenize(number))
        assert response.status_code == 201, response.text
        return response.json()["id"]

    async def top_up(self, mkt: str, student: str, amount_minor: int, payment_method_id: str,
                     currency: str = "EUR", **headers) -> httpx.Response:
        return await self.client.post("/v1/wallet/top-ups", headers=self.auth(mkt, student, **headers), json={
            "amount": {"amount_minor": amount_minor, "currency": currency}, "payment_method_id": payment_method_id})

    # --- booking facts --------------------------------------------------------------------------------
    @staticmethod
    def envelope(data: EventData, mkt: str, booking_id: str) -> Envelope:
        return Envelope(type=data.event_type, source="booking", subject=f"booking/{booking_id}", marketplace=mkt,
                        correlation_id=uuid.uuid4(), data=data)

    def requested(self, mkt: str, booking_id: str, student: str, price: int, method: str = "credits",
                  payment_method_id: str | None = None, provider: str = "pro-1", currency: str = "EUR") -> Envelope:
        starts = datetime.now(UTC) + timedelta(days=3)
        return self.envelope(BookingRequested(
            booking_id=booking_id, student_id=student, provider_id=provider, offering_id="off-1", starts_at=starts,
            ends_at=starts + timedelta(hours=1), price=Money(amount_minor=price, currency=currency),
            payment_method=method, payment_method_id=payment_method_id), mkt, booking_id)

    def declined(self, mkt: str, booking_id: str, student: str, refund: int, provider: str = "pro-1",
                 currency: str = "EUR") -> Envelope:
        return self.envelope(BookingDeclined(
            booking_id=booking_id, student_id=student, provider_id=provider, reason="declined",
            refund=Money(amount_minor=refund, currency=currency)), mkt, booking_id)

    def released(self, mkt: str, booking_id: str, student: str, reason: str = "payment_timeout",
                 provider: str = "pro-1") -> Envelope:
        return self.envelope(BookingReleased(booking_id=booking_id, student_id=student, provider_id=provider,
                                             reason=reason), mkt, booking_id)

    def delivered(self, mkt: str, booking_id: str, student: str, price: int, fee_bps: int = 0,
                  provider: str = "pro-1", currency: str = "EUR") -> Envelope:
        return self.envelope(LessonDelivered(
            booking_id=booking_id, student_id=student, provider_id=provider,
            price=Money(amount_minor=price, currency=currency), platform_fee_bps=fee_bps, confirmed_by="student"),
            mkt, booking_id)

    def cancelled(self, mkt: str, booking_id: str, student: str, price: int, refund: int, decision_id: str,
                  form: str = "credits", provider: str = "pro-1", currency: str = "EUR") -> Envelope:
        starts = datetime.now(UTC) + timedelta(days=3)
        return self.envelope(BookingCancelled(
            booking_id=booking_id, student_id=student, provider_id=provider, starts_at=starts,
            ends_at=starts + timedelta(hours=1), cancelled_by="student", cause="student", reason="Can't make it",
            refund=Money(amount_minor=refund, currency=currency), refund_form=form, refund_decision_id=decision_id,
            refund_decided_by="policy", provider_keeps=Money(amount_minor=price - refund, currency=currency)),
            mkt, booking_id)

    def exception(self, mkt: str, booking_id: str, student: str, refund: int, decision_id: str,
                  provider: str = "pro-1", currency: str = "EUR") -> Envelope:
        return self.envelope(RefundExceptionGranted(
            booking_id=booking_id, student_id=student, provider_id=provider, decision_id=decision_id,
            refund=Money(amount_minor=refund, currency=currency), refund_form="credits", granted_by="provider"),
            mkt, booking_id)

    def settled(self, mkt: str, booking_id: str, student: str, kept: int, fee_bps: int = 0, provider: str = "pro-1",
                currency: str = "EUR") -> Envelope:
        return self.envelope(CancellationSettled(
            booking_id=booking_id, student_id=student, provider_id=provider,
            kept=Money(amount_minor=kept, currency=currency), platform_fee_bps=fee_bps), mkt, booking_id)

    @staticmethod
    def marketplace_registered(mkt: str, currencies: list[str] | None) -> Envelope:
        """The gateway's announcement of a new marketplace and the currencies it accepts (None: any)."""
        return Envelope(type=MarketplaceRegistered.event_type, source="gateway", subject=mkt, marketplace=mkt,
                        correlation_id=uuid.uuid4(), data=MarketplaceRegistered(
                            marketplace_id=mkt, name=f"Market {mkt}", policy_preset="lessons", currencies=currencies))

    async def handle(self, envelope: Envelope) -> None:
        """Handle the event as the consumer does on delivery (a raise here is what it would retry)."""
        await self._consumer.dispatch(envelope)

    # --- what the wallet did --------------------------------------------------------------------------
    async def scalar(self, sql: str, **params):
        async with self.runtime.engine.connect() as conn:
            return (await conn.execute(text(sql), params)).scalar()

    async def execute(self, sql: str, **params) -> None:
        async with self.runtime.engine.begin() as conn:
            await conn.execute(text(sql), params)

    async def rows(self, sql: str, **params) -> list:
        async with self.runtime.engine.connect() as conn:
            return list((await conn.execute(text(sql), params)).all())

    async def balance(self, mkt: str, owner: str, kind: str, currency: str = "EUR") -> int:
        return await self.scalar(
            "SELECT coalesce(sum(p.amount_minor), 0) FROM postings p JOIN accounts a ON a.id = p.account_id "
            "WHERE a.marketplace_id = :mkt AND a.owner_id = :owner AND a.kind = :kind AND a.currency = :currency",
            mkt=mkt, owner=owner, kind=kind, currency=currency)

    async def credits(self, mkt: str, student: str, currency: str = "EUR") -> int:
        return await self.balance(mkt, student, "student_credits", currency)

    async def kept_balances_off(self, mkt: str) -> list:
        """Accounts whose kept balance is not the sum of their postings: the accounts with a floor keep
        theirs (migration 0008), the others keep none. Empty in a healthy ledger."""
        return await self.rows(
            "SELECT a.id, a.kind, a.balance_minor FROM accounts a WHERE a.marketplace_id = :mkt"
            " AND a.balance_minor IS DISTINCT FROM CASE WHEN a.kind IN ('student_credits', 'promo_codes')"
            " THEN (SELECT coalesce(sum(p.amount_minor), 0) FROM postings p WHERE p.account_id = a.id) END", mkt=mkt)

    async def held(self, mkt: str, booking_id: str) -> int:
        return await self.scalar(
            "SELECT coalesce(sum(p.amount_minor), 0) FROM postings p JOIN accounts a ON a.id = p.account_id "
            "JOIN ledger_transactions t ON t.id = p.transaction_id "
            "WHERE t.marketplace_id = :mkt AND t.booking_id = :booking AND a.kind = 'platform_escrow'",
            mkt=mkt, booking=booking_id)

    async def transaction_kinds(self, mkt: str, booking_id: str) -> list[str]:
        rows = await self.rows("SELECT kind FROM ledger_transactions WHERE marketplace_id = :mkt "
                               "AND booking_id = :booking ORDER BY created_at", mkt=mkt, booking=booking_id)
        return [row.kind for row in rows]

    async def postings_count(self, mkt: str) -> int:
        return await self.scalar("SELECT count(*) FROM postings WHERE marketplace_id = :mkt", mkt=mkt)

    async def ledger_totals(self, mkt: str) -> dict[str, int]:
        rows = await self.rows("SELECT currency, sum(amount_minor) AS total FROM postings "
                               "WHERE marketplace_id = :mkt GROUP BY currency", mkt=mkt)
        return {row.currency: int(row.total) for row in rows}

    async def card_charges(self, mkt: str, idempotency_key: str | None = None) -> int:
        """Succeeded charges at the sandbox, for one key or the whole marketplace."""
        t = SandboxCharge.__table__
        query = select(func.count()).select_from(t).where(t.c.marketplace_id == mkt, t.c.status == "succeeded")
        if idempotency_key is not None:
            query = query.where(t.c.idempotency_key == idempotency_key)
        async with self.runtime.engine.connect() as conn:
            return (await conn.execute(query)).scalar_one()

    async def processor_charges(self, mkt: str) -> list:
        """Every charge the sandbox processor made for the marketplace, whatever its outcome, oldest first."""
        t = SandboxCharge.__table__
        async with self.runtime.engine.connect() as conn:
            return list((await conn.execute(select(t).where(t.c.marketplace_id == mkt)
                                            .order_by(t.c.created_at, t.c.id))).mappings().all())

    async def events(self, mkt: str, event_type: str, subject: str | None = None) -> list[Envelope]:
        """Events the wallet wrote to its outbox for the marketplace (no relay runs in these tests)."""
        async with self.runtime.engine.connect() as conn:
            bodies = (await conn.execute(select(outbox_table.c.body).where(outbox_table.c.event_type == event_type)
                                         .order_by(outbox_table.c.seq))).scalars().all()
        found = [Envelope.parse(body) for body in bodies]
        return [e for e in found if e.marketplace == mkt and (subject is None or e.subject == subject)]


@pytest.fixture(scope="session")
async def wallet(wallet_service, wallet_settings, make_token) -> AsyncIterator[Wallet]:
    app = create_app(wallet_service, wallet_settings)
    async with LifespanManager(app) as manager, httpx.AsyncClient(
            transport=httpx.ASGITransport(app=manager.app), base_url="http://wallet") as client:
        yield Wallet(client, app.state.runtime, make_token)
