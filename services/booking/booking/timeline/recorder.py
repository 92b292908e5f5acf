"""Appending to a booking's timeline, always in the transaction of the change it records, so the
timeline never shows a change that didn't happen nor misses one that did. Every booking change and
every event about a booking writes or reads here: the statements go straight on the driver.

While a booking is being changed (bookings.access.changing), the entries recorded wait and are
written with the booking's row, in its statement (bookings.store); elsewhere they are written at once."""

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from booking.clock import utcnow
from shared.database import driver_connection
from shared.events import Envelope

_PENDING = "booking.timeline_pending"

_ARRAY_TYPES = ("text[]", "text[]", "timestamptz[]", "text[]", "text[]", "text[]", "jsonb[]")


def append_sql(first: int) -> str:
    """The statement appending the entries given as arrays (`columns`) from parameter `first` on:
    any number of entries is one statement."""
    arrays = ", ".join(f"${n}::{kind}" for n, kind in enumerate(_ARRAY_TYPES, first))
    return ("INSERT INTO timeline_entries (marketplace_id, booking_id, at, service, type, summary, data)"
            f" SELECT * FROM unnest({arrays})")


_APPEND = append_sql(1)
# The booking's entries of the given types whose data includes $4, oldest first.
_ENTRIES = """
    SELECT type, data FROM timeline_entries
    WHERE marketplace_id = $1 AND booking_id = $2 AND type = ANY($3::text[]) AND data @> $4::jsonb
    ORDER BY id"""


@dataclass(frozen=True)
class Entry:
    marketplace_id: str
    booking_id: str
    at: datetime
    service: str
    type: str
    summary: str
    data: dict


def columns(entries: list[Entry]) -> tuple[list, ...]:
    """The entries' values column by column, as append_sql takes them."""
    return ([e.marketplace_id for e in entries], [e.booking_id for e in entries], [e.at for e in entries],
            [e.service for e in entries], [e.type for e in entries], [e.summary for e in entries],
            [json.dumps(e.data) for e in entries])


async def record(session: AsyncSession, *, marketplace_id: str, booking_id: str, type: str, summary: str,
                 data: dict | None = None, service: str = "booking", at: datetime | None = None) -> None:
    """`at`: when it happened; for another service's event, the event's time, not its arrival."""
    entry = Entry(marketplace_id, booking_id, at or utcnow(), service, type, summary, data or {})
    pending = session.info.get(_PENDING)
    if pending is None:
        await write(session, [entry])
    else:
        pending.append(entry)


def fact_of(event: Envelope) -> str:
    """The timeline type of another service's event: its type without the version."""
    return event.type.rsplit(".", 1)[0]


async def record_event(session: AsyncSession, booking, event: Envelope, summary: str,
                       data: dict | None = None) -> None:
    """Another service's event on the booking's timeline, at the event's time; its data unless `data`."""
    await record(session, marketplace_id=booking.marketplace_id, booking_id=booking.id, service=event.source,
                 type=fact_of(event), at=event.time, summary=summary,
                 data=event.data.model_dump(mode="json") if data is None else data)


async def entries(session: AsyncSession, booking, types: tuple[str, ...], **data) -> dict[str, dict]:
    """The data of the booking's first timeline entry of each of `types` whose data includes `data`."""
    pending = session.info.get(_PENDING)
    if pending:  # a read sees what was recorded before it
        await write(session, pending)
        pending.clear()
    conn = await driver_connection(session)
    found: dict[str, dict] = {}
    for row in await conn.fetch(_ENTRIES, booking.marketplace_id, booking.id, types, json.dumps(data)):
        found.setdefault(row["type"], row["data"])
    return found


async def has_entry(session: AsyncSession, booking, type: str, **data) -> bool:
    """Whether the booking's timeline has an entry of `type` whose data includes `data`."""
    return type in await entries(session, booking, (type,), **data)


async def write(session: AsyncSession, entries: list[Entry]) -> None:
    conn = await driver_connection(session)
    await conn.execute(_APPEND, *columns(entries))


@contextmanager
def deferred(session: AsyncSession) -> Iterator[list[Entry]]:
    """The entries recorded in the block, for the caller to write with the booking's row. Whatever
    happens in the block, its end ends the deferral: entries of a failed block go with its transaction."""
    if _PENDING in session.info:
        raise RuntimeError("a booking is being changed already in this unit of work")
    pending: list[Entry] = []
    session.info[_PENDING] = pending
    try:
        yield pending
    finally:
        del session.info[_PENDING]
