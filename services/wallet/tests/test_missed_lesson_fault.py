"""Fault test (issue 5): the wallet's consumer, a process of its own, is killed (SIGKILL) while it
handles a missed lesson's refund, then started again. Every event was published three times. Exactly
one refund comes of it: the killed transaction never committed, its messages came back unacknowledged,
and the inbox and the once-per-decision refund absorbed the repeats (RF-3).

Deterministic: the test holds the booking's money lock (the advisory lock the refund takes first), so
the consumer is caught inside its transaction, seen waiting in pg_stat_activity, when it is killed."""

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import uuid

import aio_pika
import asyncpg
import httpx
import pytest
from sqlalchemy import func, text

from shared.database import asyncpg_dsn
from shared.events import RefundIssued
from shared.messaging.broker import Broker
from shared.messaging.codec import envelope_message
from shared.messaging.inbox import inbox_table
from shared.messaging.topology import Names
from shared.runtime import Runtime
from shared.testing.nodes import eventually
from wallet.identifiers import new_id
from wallet.ledger import journal, posting_rules
from wallet.payments.models import Payment, PaymentStatus
from wallet.service import service

from .missed_facts import lesson_missed, miss_resolved

PRICE = 2400


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ConsumerProcess:
    """`python -m wallet run --role consumer`, as ops run it, against the test's database and broker."""

    def __init__(self, settings):
        self.port = _free_port()
        self.env = {**os.environ, "WALLET_DATABASE_URL": settings.database_url, "WALLET_AMQP_URL": settings.amqp_url,
                    "WALLET_AMQP_NAMESPACE": settings.amqp_namespace, "WALLET_JWT_PUBLIC_KEY": settings.jwt_public_key,
                    "WALLET_RETRY_DELAYS_MS": "[50, 100, 200]", "WALLET_LOG_JSON": "false",
                    "WALLET_PORT": str(self.port)}
        self.log = tempfile.NamedTemporaryFile(prefix="wallet-consumer-", suffix=".log", delete=False)
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "wallet", "run", "--role", "consumer", env=self.env, stdout=self.log,
            stderr=subprocess.STDOUT)

        async def ready() -> bool:
            assert self.process.returncode is None, f"the consumer exited; see {self.log.name}"
            with contextlib.suppress(httpx.TransportError):
                async with httpx.AsyncClient() as client:
                    return (await client.get(f"http://127.0.0.1:{self.port}/readyz")).status_code == 200
            return False

        await eventually(ready, timeout=30, interval=0.1)

    async def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        await asyncio.wait_for(self.process.wait(), 10)

    async def stop(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.terminate()
            try:
                await asyncio.wait_for(self.process.wait(), 10)
            except TimeoutError:
                await self.kill()


@pytest.fixture
async def fault_settings(service_settings, amqp_namespace, infra):
    """A wallet database and broker namespace of this test alone: what it publishes reaches no other
    test's queues."""
    namespace = f"{amqp_namespace}-fault-{uuid.uuid4().hex[:6]}"
    settings = await service_settings(service, database=f"wallet_fault_{uuid.uuid4().hex[:6]}",
                                      amqp_namespace=namespace)
    yield settings
    names = Names(namespace, service.name)
    connection = await aio_pika.connect(infra.amqp_url)
    try:
        for queue in (names.work_queue, names.dead_queue, *(names.retry_queue(i) for i in (1, 2, 3))):
            channel = await connection.channel()
            with contextlib.suppress(Exception):
                await channel.queue_delete(queue)
        channel = await connection.channel()
        await channel.exchange_delete(names.exchange)
    finally:
        await connection.close()


async def captured(runtime: Runtime, mkt: str, booking_id: str) -> None:
    """The lesson's payment as the wallet took it: by card, into escrow."""
    async with runtime.uow() as uow:
        entry = posting_rules.capture_from_card(PRICE, "EUR")
        transaction_id = await journal.record(uow.session, mkt, entry, booking_id=booking_id)
        uow.session.add(Payment(id=new_id("pay"), marketplace_id=mkt, booking_id=booking_id, student_id="stu",
                                provider_id="pro-1", method="card", amount_minor=PRICE, currency="EUR",
                                status=PaymentStatus.CAPTURED, transaction_id=transaction_id))
        await uow.commit()


@pytest.mark.rule("RF-3")
@pytest.mark.rule("MS-2")
async def test_a_consumer_killed_while_refunding_a_missed_lesson_refunds_it_once_after_restart(wallet, fault_settings):
    mkt, booking_id = f"mkt-{uuid.uuid4().hex[:8]}", "b-1"
    runtime = Runtime(service, fault_settings)
    consumer = ConsumerProcess(fault_settings)
    lock = await asyncpg.connect(asyncpg_dsn(fault_settings.database_url))
    broker = await Broker(fault_settings.amqp_url, runtime.names).connect()
    try:
        await captured(runtime, mkt, booking_id)
        await consumer.start()
        lock_key = f"wallet-booking:{mkt}:{booking_id}"
        await lock.execute("SELECT pg_advisory_lock(hashtextextended($1, 0))", lock_key)

        missed, resolved = lesson_missed(wallet, mkt, booking_id, PRICE), miss_resolved(wallet, mkt, booking_id, PRICE)
        for envelope in (missed, missed, missed, resolved, resolved, resolved):
            await broker.publish(envelope_message(envelope), envelope.type)

        async def refund_waiting_on_the_lock() -> bool:
            return await lock.fetchval(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
                "AND wait_event_type = 'Lock' AND wait_event = 'advisory'") > 0

        await eventually(refund_waiting_on_the_lock, timeout=15)
        await consumer.kill()  # mid-transaction: between receiving the events and acknowledging them
        await lock.execute("SELECT pg_advisory_unlock(hashtextextended($1, 0))", lock_key)
        assert await count(runtime, "SELECT count(*) FROM refunds WHERE marketplace_id = :mkt", mkt=mkt) == 0

        await consumer.start()

        async def refunded_and_drained() -> bool:
            refunds = await count(runtime, "SELECT count(*) FROM refunds WHERE marketplace_id = :mkt", mkt=mkt)
            queue = await broker.publish_channel.declare_queue(runtime.names.work_queue, passive=True)
            return refunds == 1 and queue.declaration_result.message_count == 0 and await handled_all(runtime)

        await eventually(refunded_and_drained, timeout=30, interval=0.1)
        await consumer.stop()

        assert await count(runtime, "SELECT count(*) FROM refunds WHERE marketplace_id = :mkt", mkt=mkt) == 1
        assert await count(runtime, "SELECT count(*) FROM ledger_transactions WHERE marketplace_id = :mkt "
                                    "AND kind = 'refund'", mkt=mkt) == 1
        assert await count(runtime, "SELECT count(*) FROM missed_lessons WHERE marketplace_id = :mkt", mkt=mkt) == 1
        assert await count(runtime, "SELECT coalesce(sum(p.amount_minor), 0) FROM postings p JOIN accounts a "
                                    "ON a.id = p.account_id WHERE a.marketplace_id = :mkt AND a.owner_id = 'stu' "
                                    "AND a.kind = 'student_credits'", mkt=mkt) == PRICE
        assert await count(runtime, "SELECT count(*) FROM outbox WHERE event_type = :type",
                           type=RefundIssued.event_type) == 1
    finally:
        await consumer.stop()
        await lock.close()
        await broker.close()
        await runtime.close()


async def count(runtime: Runtime, sql: str, **params) -> int:
    async with runtime.engine.connect() as conn:
        return int((await conn.execute(text(sql), params)).scalar())


async def handled_all(runtime: Runtime) -> bool:
    """Both distinct events (each published three times) are in the inbox, once per handler."""
    async with runtime.engine.connect() as conn:
        return (await conn.execute(func.count().select().select_from(inbox_table))).scalar() == 2
