"""Idempotent inbox: a handled event id is stored in the same transaction as the handler's effects."""

from uuid import UUID

from sqlalchemy import Column, DateTime, PrimaryKeyConstraint, String, Table, bindparam, func
from sqlalchemy.dialects.postgresql import UUID as PG_UUID
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from shared.database import plumbing_metadata

inbox_table = Table(
    "inbox",
    plumbing_metadata,
    Column("event_id", PG_UUID(as_uuid=True), nullable=False),
    Column("handler", String(200), nullable=False),
    Column("event_type", String(200), nullable=False),
    Column("handled_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    PrimaryKeyConstraint("event_id", "handler"),
)


# Built once: this runs for every handled event.
_CLAIM = (
    insert(inbox_table)
    .values(event_id=bindparam("event_id"), handler=bindparam("handler"), event_type=bindparam("event_type"))
    .on_conflict_do_nothing()
    .returning(inbox_table.c.event_id)
)


async def claim(session: AsyncSession, event_id: UUID, event_type: str, handler: str) -> bool:
    """True when this handler has not handled the event yet. A concurrent duplicate blocks on the
    primary key until the first transaction ends, then sees the row and gets False."""
    result = await session.exec(_CLAIM, params={"event_id": event_id, "handler": handler, "event_type": event_type})
    return result.first() is not None
