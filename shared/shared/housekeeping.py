"""Trims the plumbing tables so they don't grow for ever. Runs in the scheduler role; safe in
several replicas (plain deletes of old rows)."""

import asyncio
from dataclasses import dataclass
from datetime import timedelta

import structlog
from sqlalchemy import Column, delete, func
from sqlalchemy.ext.asyncio import AsyncEngine

from shared import revoked_keys
from shared.idempotency import idempotency_table
from shared.messaging.inbox import inbox_table
from shared.messaging.outbox import outbox_table

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class Retention:
    published_events: timedelta = timedelta(days=7)
    # Longer than any redelivery can take (retries, a replayed dead letter), so duplicates stay caught.
    handled_events: timedelta = timedelta(days=30)
    idempotency_keys: timedelta = timedelta(hours=24)
    revoked_api_keys: timedelta = revoked_keys.KEPT_FOR


async def purge(engine: AsyncEngine, retention: Retention = Retention(),
                trimmed: tuple[tuple[Column, timedelta], ...] = ()) -> dict[str, int]:
    now = func.now()
    statements = {
        "outbox": delete(outbox_table).where(outbox_table.c.published_at < now - retention.published_events),
        "inbox": delete(inbox_table).where(inbox_table.c.handled_at < now - retention.handled_events),
        "idempotency_keys": delete(idempotency_table).where(
            idempotency_table.c.created_at < now - retention.idempotency_keys),
        "revoked_api_keys": delete(revoked_keys.revoked_keys_table).where(
            revoked_keys.revoked_keys_table.c.revoked_at < now - retention.revoked_api_keys),
        **{column.table.name: delete(column.table).where(column < now - kept_for) for column, kept_for in trimmed},
    }
    removed = {}
    async with engine.begin() as conn:
        for table, statement in statements.items():
            removed[table] = (await conn.execute(statement)).rowcount
    return removed


async def run(engine: AsyncEngine, trimmed: tuple[tuple[Column, timedelta], ...] = (),
              every: timedelta = timedelta(minutes=10)) -> None:
    while True:
        try:
            removed = await purge(engine, trimmed=trimmed)
            if any(removed.values()):
                log.info("housekeeping.purged", **removed)
        except Exception:
            log.exception("housekeeping.failed")
        await asyncio.sleep(every.total_seconds())
