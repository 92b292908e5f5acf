"""Transactional outbox: events are rows written in the transaction of the change that caused them."""

from sqlalchemy import BigInteger, Column, DateTime, Identity, Index, Integer, String, Table, Text, func, insert, text
from sqlalchemy.dialects.postgresql import UUID as PG_UUID
from sqlalchemy.ext.asyncio import AsyncSession

from shared.database import plumbing_metadata
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


async def write_to_outbox(session: AsyncSession, events: list[Envelope]) -> None:
    """Add the events to the session's transaction and wake the relay when it commits."""
    if not events:
        return
    await session.exec(
        insert(outbox_table),
        params=[{"event_id": e.id, "event_type": e.type, "body": e.model_dump_json()} for e in events],
    )
    # NOTIFY is transactional: delivered on commit, dropped on rollback.
    await session.exec(text(f"NOTIFY {NOTIFY_CHANNEL}"))
