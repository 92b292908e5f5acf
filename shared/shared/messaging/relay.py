"""Publishes outbox rows with publisher confirms, then marks them sent.

Any number of relays may run: each batch is locked with `FOR UPDATE SKIP LOCKED`. A crash after
publishing and before marking sends the batch again, which the consumers' inbox absorbs. The relay
wakes on the `NOTIFY` that committing an outbox row sends, and polls as a fallback.
"""

import asyncio

import asyncpg
import structlog
from sqlalchemy.ext.asyncio import AsyncEngine

from shared.database import asyncpg_dsn, autocommit_connection
from shared.messaging.broker import Broker
from shared.messaging.codec import to_message
from shared.messaging.outbox import NOTIFY_CHANNEL
from shared.observability import metrics

log = structlog.get_logger(__name__)


# The relay's two statements run for every batch: straight on the driver (see driver_connection).
_PENDING = """
    SELECT seq, event_id, event_type, body FROM outbox WHERE published_at IS NULL
    ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED"""
_MARK_PUBLISHED = "UPDATE outbox SET published_at = now() WHERE seq = ANY($1::bigint[])"


class OutboxRelay:
    def __init__(self, engine: AsyncEngine, broker: Broker, poll_interval_s: float = 1.0, batch_size: int = 500):
        self.engine = engine
        self.broker = broker
        self.poll_interval_s = poll_interval_s
        self.batch_size = batch_size
        self._wake = asyncio.Event()
        self.published = 0

    async def run(self) -> None:
        listener = asyncio.create_task(self._listen())
        failures = 0
        try:
            while True:
                self._wake.clear()
                try:
                    published = await self.publish_pending()
                    failures = 0
                except Exception:
                    failures += 1
                    log.exception("outbox.publish_failed", retry_in_s=min(2**failures, 30) / 10)
                    await asyncio.sleep(min(2**failures, 30) / 10)
                    continue
                if published < self.batch_size:
                    try:
                        await asyncio.wait_for(self._wake.wait(), self.poll_interval_s)
                    except TimeoutError:
                        pass
        finally:
            listener.cancel()

    async def publish_pending(self) -> int:
        async with autocommit_connection(self.engine) as conn, conn.transaction():
            rows = await conn.fetch(_PENDING, self.batch_size)
            if not rows:
                return 0
            await asyncio.gather(
                *(self.broker.publish(to_message(r["body"], str(r["event_id"]), r["event_type"]), r["event_type"])
                  for r in rows)
            )
            await conn.execute(_MARK_PUBLISHED, [r["seq"] for r in rows])
        metrics.EVENTS_PUBLISHED.inc(len(rows))
        self.published += len(rows)
        return len(rows)

    async def _listen(self) -> None:
        dsn = asyncpg_dsn(self.engine.url)
        while True:
            try:
                conn = await asyncpg.connect(dsn)
                try:
                    await conn.add_listener(NOTIFY_CHANNEL, lambda *_: self._wake.set())
                    self._wake.set()  # catch up on anything written while we were not listening
                    while True:  # a dead connection shows only when used
                        await asyncio.sleep(5)
                        await conn.execute("SELECT 1")
                finally:
                    await conn.close()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # the poll keeps the relay going meanwhile
                log.warning("outbox.listen_failed", error=str(exc))
                await asyncio.sleep(self.poll_interval_s)
