"""Transactional outbox: events are rows written in the transaction of the change that caused them
(`shared.deferred`, at the unit of work's commit); the relay publishes them."""

from sqlalchemy import BigInteger, Column, DateTime, Identity, Index, Integer, String, Table, Text, func, text
from sqlalchemy.dialects.postgresql import UUID as PG_UUID

from shared.database import plumbing_metadata

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
