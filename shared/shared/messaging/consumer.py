"""Consumes the service's queue with an inbox claim per event and handler.

Messages that arrive together are handled together: one transaction for the batch, their inbox
claims in one statement. Should a message fail, the batch is undone and handled again with a
savepoint per message and without the failing one, so it alone is retried and the others commit.
Should the batch's commit itself fail (a deferred constraint, a deadlock), each of its messages is
handled again on its own, so only the culprit is retried. A message that fails is retried through
the delay queues (back-off) and, past the last one, goes to the dead-letter queue with the error in
its headers. A message is acknowledged only after its effects committed or its retry copy was
confirmed, so nothing is lost; what is redelivered is absorbed by the inbox.
"""

import asyncio
import contextlib
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

import aio_pika
import structlog
from aio_pika.abc import AbstractIncomingMessage
from sqlalchemy.ext.asyncio import async_sessionmaker

from shared.context import Causation, reset_causation, set_causation
from shared.events import Envelope
from shared.messaging import inbox
from shared.messaging.broker import Broker
from shared.messaging.handlers import HandlerRegistry
from shared.messaging.topology import declare_consumer_topology
from shared.observability import metrics
from shared.unit_of_work import UnitOfWork

log = structlog.get_logger(__name__)

RETRIES_HEADER = "x-retries"


@dataclass
class _Delivery:
    message: AbstractIncomingMessage
    envelope: Envelope
    settled: asyncio.Future = field(default_factory=lambda: asyncio.get_running_loop().create_future())
    error: Exception | None = None


class EventConsumer:
    def __init__(self, broker: Broker, registry: HandlerRegistry, sessionmaker: async_sessionmaker,
                 source: str, retry_delays_ms: list[int], prefetch: int = 32, batch_size: int = 16):
        self.broker = broker
        self.names = broker.names
        self.registry = registry
        self.sessionmaker = sessionmaker
        self.source = source
        self.retry_delays_ms = retry_delays_ms
        self.prefetch = prefetch
        self.batch_size = max(1, batch_size)
        self._waiting: asyncio.Queue[_Delivery] = asyncio.Queue()
        self._workers: list[asyncio.Task] = []

    async def start(self) -> None:
        channel = await self.broker.connection.channel()
        await channel.set_qos(prefetch_count=self.prefetch)
        queue = await declare_consumer_topology(channel, self.names, self.registry.event_types, self.retry_delays_ms)
        # Enough workers to keep the prefetched messages moving, few enough that batches form.
        for _ in range(max(1, self.prefetch // self.batch_size)):
            self._workers.append(asyncio.create_task(self._work()))
        await queue.consume(self.on_message)
        log.info("consumer.started", queue=self.names.work_queue, event_types=self.registry.event_types)

    async def stop(self) -> None:
        for worker in self._workers:
            worker.cancel()
        await asyncio.gather(*self._workers, return_exceptions=True)
        self._workers.clear()

    async def on_message(self, message: AbstractIncomingMessage) -> None:
        try:
            envelope = Envelope.parse(message.body)
        except Exception as exc:
            log.error("consumer.malformed_message", message_id=message.message_id, error=str(exc))
            await self._dead_letter(message, exc)
            await message.ack()
            return
        delivery = _Delivery(message, envelope)
        await self._waiting.put(delivery)
        await delivery.settled  # raises when the message could be neither acked nor retried

    async def dispatch(self, envelope: Envelope) -> None:
        """Handle one event in a transaction of its own."""
        async with UnitOfWork(self.sessionmaker, self.source) as uow:
            unclaimed = await inbox.claim_many(uow.session, self._claims(envelope))
            for handler in self._take_claims(envelope, unclaimed):
                await handler.fn(envelope, uow)
            await uow.commit()

    async def _work(self) -> None:
        while True:
            batch = [await self._waiting.get()]
            while len(batch) < self.batch_size and not self._waiting.empty():
                batch.append(self._waiting.get_nowait())
            try:
                await self._handle(batch)
            except Exception as exc:  # the broker is gone: the messages come back on reconnect
                for delivery in batch:
                    if not delivery.settled.done():
                        delivery.settled.set_exception(exc)

    async def _handle(self, batch: list[_Delivery]) -> None:
        started = time.perf_counter()
        if len(batch) > 1:
            try:
                await self._handle_together(batch)
            except Exception:
                log.warning("consumer.batch_failed_handling_one_by_one", size=len(batch), exc_info=True)
                for delivery in batch:
                    await self._handle_alone(delivery)
        else:
            await self._handle_alone(batch[0])
        elapsed = (time.perf_counter() - started) / len(batch)
        for delivery in batch:
            await self._settle(delivery, elapsed)

    async def _handle_together(self, batch: list[_Delivery]) -> None:
        culprit = await self._handle_in_one_transaction(batch)
        if culprit is not None:
            await self._handle_in_one_transaction(batch, culprit)

    async def _handle_in_one_transaction(self, batch: list[_Delivery], culprit: _Delivery | None = None,
                                         ) -> _Delivery | None:
        """The batch in one transaction, its inbox claims in one statement.

        First without savepoints, the usual case and the cheapest (a savepoint is a round trip per
        message): the first failing message ends the attempt, all undone, and is returned. Then, when
        there is such a culprit, again with a savepoint per message and without the culprit, whose
        error stands (it is not run twice for one delivery); another failure is undone alone.
        """
        isolate = culprit is not None
        deliveries = [d for d in batch if d is not culprit]
        async with UnitOfWork(self.sessionmaker, self.source) as uow:
            unclaimed = await inbox.claim_many(uow.session, [c for d in deliveries for c in self._claims(d.envelope)])
            for delivery in deliveries:
                delivery.error = None
                mine = self._take_claims(delivery.envelope, unclaimed)
                with self._caused_by(delivery.envelope):
                    try:
                        async with uow.isolated() if isolate else uow.flushed():
                            for handler in mine:
                                await handler.fn(delivery.envelope, uow)
                    except Exception as exc:
                        delivery.error = exc
                        if not isolate:
                            return delivery
                        await inbox.unclaim(uow.session, delivery.envelope.id, [h.name for h in mine])
            await uow.commit()
        return None

    def _claims(self, envelope: Envelope) -> list[tuple]:
        return [(envelope.id, envelope.type, handler.name) for handler in self.registry.for_type(envelope.type)]

    def _take_claims(self, envelope: Envelope, unclaimed: set) -> list:
        """The handlers this delivery claimed; a redelivered copy in the same batch finds none left."""
        mine = []
        for handler in self.registry.for_type(envelope.type):
            if (envelope.id, handler.name) in unclaimed:
                unclaimed.discard((envelope.id, handler.name))
                mine.append(handler)
            else:
                log.info("consumer.duplicate_skipped", event_id=str(envelope.id), handler=handler.name)
        return mine

    async def _handle_alone(self, delivery: _Delivery) -> None:
        with self._caused_by(delivery.envelope):
            try:
                await self.dispatch(delivery.envelope)
                delivery.error = None
            except Exception as exc:
                delivery.error = exc

    async def _settle(self, delivery: _Delivery, seconds: float) -> None:
        envelope, message = delivery.envelope, delivery.message
        if delivery.error is None:
            metrics.EVENTS_HANDLED.labels(envelope.type, "ok").inc()
            metrics.HANDLER_SECONDS.labels(envelope.type).observe(seconds)
        else:
            log.error("consumer.handler_failed", event_id=str(envelope.id), event_type=envelope.type,
                      exc_info=delivery.error)
            metrics.EVENTS_HANDLED.labels(envelope.type, "failed").inc()
            await self._retry_or_dead_letter(message, delivery.error)
        await message.ack()
        delivery.settled.set_result(None)

    @staticmethod
    @contextlib.contextmanager
    def _caused_by(envelope: Envelope):
        token = set_causation(Causation(envelope.correlation_id, envelope.id))
        try:
            yield
        finally:
            reset_causation(token)

    async def _retry_or_dead_letter(self, message: AbstractIncomingMessage, exc: Exception) -> None:
        retries = int((message.headers or {}).get(RETRIES_HEADER, 0))
        if retries < len(self.retry_delays_ms):
            copy = copy_message(message, {RETRIES_HEADER: retries + 1, "x-last-error": _describe(exc)})
            await self.broker.send_to_queue(copy, self.names.retry_queue(retries + 1))
        else:
            await self._dead_letter(message, exc)

    async def _dead_letter(self, message: AbstractIncomingMessage, exc: Exception) -> None:
        copy = copy_message(message, {
            "x-error": _describe(exc),
            "x-error-type": type(exc).__name__,
            "x-failed-at": datetime.now(UTC).isoformat(),
        })
        await self.broker.send_to_queue(copy, self.names.dead_queue)
        metrics.EVENTS_DEAD_LETTERED.labels(message.type or "unknown").inc()


def _describe(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"[:1000]


def copy_message(message: AbstractIncomingMessage, extra_headers: dict) -> aio_pika.Message:
    return aio_pika.Message(
        body=message.body,
        content_type=message.content_type,
        message_id=message.message_id,
        type=message.type,
        correlation_id=message.correlation_id,
        delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
        headers={**(message.headers or {}), **extra_headers},
    )
