"""Probe services running inside the test process, and a patient assertion helper."""

import asyncio
import time

from sqlalchemy import func, select

from shared.messaging.consumer import EventConsumer
from shared.messaging.outbox import outbox_table
from shared.messaging.relay import OutboxRelay
from shared.runtime import Runtime
from shared.testing.probe import Effect


class CountingConsumer(EventConsumer):
    """The real consumer, noting the id of every message the broker delivers to it, and the size of
    each batch it handles."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.deliveries: list[str] = []
        self.batch_sizes: list[int] = []
        self.in_flight = 0

    async def _handle(self, batch) -> None:
        self.batch_sizes.append(len(batch))
        await super()._handle(batch)

    async def on_message(self, message) -> None:
        self.deliveries.append(message.message_id)
        self.in_flight += 1
        try:
            await super().on_message(message)
        finally:
            self.in_flight -= 1

    async def idle(self) -> bool:
        return self.in_flight == 0


class Node:
    """One probe service running in this process: its runtime, and the roles the test starts."""

    def __init__(self, runtime: Runtime):
        self.runtime = runtime
        self.tasks: list[asyncio.Task] = []
        self.consumer: EventConsumer | None = None
        self.relay: OutboxRelay | None = None

    async def start_consumer(self) -> "CountingConsumer":
        s = self.runtime.settings
        if self.runtime.broker is None:
            await self.runtime.connect_broker()
        self.consumer = CountingConsumer(self.runtime.broker, self.runtime.service.handlers, self.runtime.sessionmaker,
                                         self.runtime.service.name, s.retry_delays_ms, s.consumer_prefetch,
                                         s.consumer_batch_size)
        await self.consumer.start()
        return self.consumer

    async def start_relay(self, batch_size: int = 500) -> OutboxRelay:
        if self.runtime.broker is None:
            await self.runtime.connect_broker()
        self.relay = OutboxRelay(self.runtime.engine, self.runtime.broker, self.runtime.settings.outbox_poll_interval_s,
                                 batch_size=batch_size)
        self.tasks.append(asyncio.create_task(self.relay.run()))
        return self.relay

    async def stop_relay(self) -> None:
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        self.tasks.clear()

    async def effects(self, probe_id: str) -> int:
        async with self.runtime.engine.connect() as conn:
            return (await conn.execute(
                select(func.count()).select_from(Effect.__table__).where(Effect.probe_id == probe_id))).scalar_one()

    async def unpublished(self) -> int:
        async with self.runtime.engine.connect() as conn:
            return (await conn.execute(select(func.count()).select_from(outbox_table)
                                       .where(outbox_table.c.published_at.is_(None)))).scalar_one()

    async def unpublished_is_zero(self) -> bool:
        return await self.unpublished() == 0

    async def close(self) -> None:
        await self.stop_relay()
        if self.consumer is not None:
            await self.consumer.stop()
        await self.runtime.close()


async def eventually(check, timeout: float = 10.0, interval: float = 0.05):
    """Wait until `await check()` is truthy; return its value, or fail with the last one."""
    deadline = time.monotonic() + timeout
    while True:
        value = await check()
        if value or time.monotonic() > deadline:
            assert value, f"condition still false after {timeout}s: {value!r}"
            return value
        await asyncio.sleep(interval)
