"""What a unit of work writes when it commits, in one round trip: its events to the outbox and its
timers set or cancelled.

Nothing in a transaction reads its own outbox rows or timers back, so both can wait for the commit,
and a consumer's batch then writes every message's events and timers together: on this kind of
machine a round trip to PostgreSQL costs more CPU than the rows it carries.
"""

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from shared.database import driver_connection
from shared.events import Envelope
from shared.messaging.outbox import NOTIFY_CHANNEL


@dataclass(frozen=True)
class TimerChange:
    kind: str
    key: str
    due_at: datetime | None  # None: cancelled
    payload: dict
    marketplace: str | None


# A data-modifying WITH runs in full whether or not the outer query reads it. One statement sees one
# snapshot, so a timer may appear in only one of the two timer parts (`latest` makes it so).
# pg_notify is transactional: the relay wakes on commit, only when there are events.
_WRITE = f"""
WITH cancelled AS (
    DELETE FROM timers t USING unnest($1::text[], $2::text[]) AS c(kind, key)
    WHERE t.kind = c.kind AND t.key = c.key
), scheduled AS (
    INSERT INTO timers (kind, key, due_at, payload, marketplace)
    SELECT kind, key, due_at, payload::jsonb, marketplace
    FROM unnest($3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[])
        AS s(kind, key, due_at, payload, marketplace)
    ON CONFLICT (kind, key) DO UPDATE
    SET due_at = excluded.due_at, payload = excluded.payload, attempts = 0, last_error = NULL, failed_at = NULL
), written AS (
    INSERT INTO outbox (event_id, event_type, body) SELECT * FROM unnest($8::uuid[], $9::text[], $10::text[])
)
SELECT pg_notify('{NOTIFY_CHANNEL}', '') WHERE cardinality($8::uuid[]) > 0
"""


def latest(changes: list[TimerChange]) -> list[TimerChange]:
    """The last change of each timer, as if each change had been written when it was asked for."""
    return list({(change.kind, change.key): change for change in changes}.values())


async def write_deferred(session: AsyncSession, events: list[Envelope], timer_changes: list[TimerChange]) -> None:
    """Write the events and timer changes in the session's transaction; they commit with it."""
    if not events and not timer_changes:
        return
    changes = latest(timer_changes)
    cancelled = [c for c in changes if c.due_at is None]
    scheduled = [c for c in changes if c.due_at is not None]
    connection = await driver_connection(session)
    await connection.execute(
        _WRITE,
        [c.kind for c in cancelled], [c.key for c in cancelled],
        [c.kind for c in scheduled], [c.key for c in scheduled], [c.due_at for c in scheduled],
        [json.dumps(c.payload) for c in scheduled], [c.marketplace for c in scheduled],
        [e.id for e in events], [e.type for e in events], [e.model_dump_json() for e in events],
    )
