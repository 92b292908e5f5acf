"""Transactional outbox: events are rows written in the transaction of the change that caused them."""

from sqlalchemy import BigInteger, Column, DateTime, Identity, Index, Integer, String, Table, Text, func, text
from sqlalchemy.dialects.postgresql import UUID as PG_UUID
from sqlalchemy.ext.asyncio import AsyncSession

from shared.database import driver_connection, plumbing_metadata
from shared.events import Envelope

outbox_table = Table(
    "outbox",
    plumbing_metadata,
    Column("seq", BigInteger, Identity(), primary_key=True),
    Column("event_id", PG_UUID(as_uuid=True), nullable=False, unique=True),
    Column("event_type", String(200), nullable=False),
    Column("body", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("published_at", DateTime(timezone=True)),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("last_error", Text),
    Index("ix_outbox_unpublished", "seq", postgresql_where=text("published_at IS NULL")),
)

NOTIFY_CHANNEL = "outbox_written"

# One round trip for the rows and the wake-up, whatever the number of events. pg_notify is
# transactional: delivered on commit, dropped on rollback. A data-modifying WITH runs in full
# whether or not the outer query reads it.
_WRITE = (
    "WITH written AS (INSERT INTO outbox (event_id, event_type, body)"
    " SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[]))"
    f" SELECT pg_notify('{NOTIFY_CHANNEL}', '')"
)


async def write_to_outbox(session: AsyncSession, events: list[Envelope]) -> None:
    """Add the events to the session's transaction and wake the relay when it commits."""
    if not events:
        return
    connection = await driver_connection(session)
    await connection.execute(
        _WRITE, [e.id for e in events], [e.type for e in events], [e.model_dump_json() for e in events]
    )
