"""Idempotent inbox: a handled event id is stored in the same transaction as the handler's effects."""

from uuid import UUID

from sqlalchemy import Column, DateTime, PrimaryKeyConstraint, String, Table, func
from sqlalchemy.dialects.postgresql import UUID as PG_UUID
from sqlalchemy.ext.asyncio import AsyncSession

from shared.database import driver_connection, plumbing_metadata

inbox_table = Table(
    "inbox",
    plumbing_metadata,
    Column("event_id", PG_UUID(as_uuid=True), nullable=False),
    Column("handler", String(200), nullable=False),
    Column("event_type", String(200), nullable=False),
    Column("handled_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    PrimaryKeyConstraint("event_id", "handler"),
)


_CLAIM_MANY = (
    "INSERT INTO inbox (event_id, handler, event_type)"
    " SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])"
    " ON CONFLICT DO NOTHING RETURNING event_id, handler"
)


async def claim_many(session: AsyncSession, claims: list[tuple[UUID, str, str]]) -> set[tuple[UUID, str]]:
    """Claim (event id, event type, handler) triples in one statement; returns the (event id, handler)
    pairs that were not handled yet. A pair asked for twice is claimed once. A concurrent duplicate
    blocks on the primary key until the first transaction ends, then sees the row: not claimed."""
    if not claims:
        return set()
    event_ids, event_types, handlers = zip(*claims, strict=True)
    connection = await driver_connection(session)
    rows = await connection.fetch(_CLAIM_MANY, event_ids, handlers, event_types)
    return {(row["event_id"], row["handler"]) for row in rows}


async def unclaim(session: AsyncSession, event_id: UUID, handlers: list[str]) -> None:
    """Give back claims whose handling was undone, so the event's retry is handled, not skipped."""
    if handlers:
        connection = await driver_connection(session)
        await connection.execute("DELETE FROM inbox WHERE event_id = $1 AND handler = ANY($2::text[])",
                                 event_id, handlers)
