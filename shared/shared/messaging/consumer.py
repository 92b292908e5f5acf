"""Consumes the service's queue: each handler runs in its own transaction with an inbox claim.

A handler that raises is retried through the delay queues (back-off) and, past the last one, the
message goes to the dead-letter queue with the error in its headers. The message is acknowledged
only after the retry or dead-letter copy is confirmed, so nothing is lost; what is redelivered is
absorbed by the inbox.
"""

import time
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


class EventConsumer:
    def __init__(self, broker: Broker, registry: HandlerRegistry, sessionmaker: async_sessionmaker,
                 source: str, retry_delays_ms: list[int], prefetch: int = 32):
        self.broker = broker
        self.names = broker.names
        self.registry = registry
        self.sessionmaker = sessionmaker
        self.source = source
        self.retry_delays_ms = retry_delays_ms
        self.prefetch = prefetch

    async def start(self) -> None:
        channel = await self.broker.connection.channel()
        await channel.set_qos(prefetch_count=self.prefetch)
        queue = await declare_consumer_topology(channel, self.names, self.registry.event_types, self.retry_delays_ms)
        await queue.consume(self.on_message)
        log.info("consumer.started", queue=self.names.work_queue, event_types=self.registry.event_types)

    async def on_message(self, message: AbstractIncomingMessage) -> None:
        try:
            envelope = Envelope.parse(message.body)
        except Exception as exc:
            log.error("consumer.malformed_message", message_id=message.message_id, error=str(exc))
            await self._dead_letter(message, exc)
            await message.ack()
            return
        token = set_causation(Causation(envelope.correlation_id, envelope.id))
        started = time.perf_counter()
        try:
            await self.dispatch(envelope)
        except Exception as exc:
            log.exception("consumer.handler_failed", event_id=str(envelope.id), event_type=envelope.type)
            metrics.EVENTS_HANDLED.labels(envelope.type, "failed").inc()
            await self._retry_or_dead_letter(message, exc)
        else:
            metrics.EVENTS_HANDLED.labels(envelope.type, "ok").inc()
            metrics.HANDLER_SECONDS.labels(envelope.type).observe(time.perf_counter() - started)
        finally:
            reset_causation(token)
        await message.ack()

    async def dispatch(self, envelope: Envelope) -> None:
        for handler in self.registry.for_type(envelope.type):
            async with UnitOfWork(self.sessionmaker, self.source) as uow:
                if not await inbox.claim(uow.session, envelope.id, envelope.type, handler.name):
                    log.info("consumer.duplicate_skipped", event_id=str(envelope.id), handler=handler.name)
                    continue
                await handler.fn(envelope, uow)
                await uow.commit()

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
