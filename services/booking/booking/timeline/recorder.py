"""Appending to a booking's timeline, always in the transaction of the change it records, so the
timeline never shows a change that didn't happen nor misses one that did."""

from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from booking.clock import utcnow
from booking.timeline.models import TimelineEntry
from shared.events import Envelope


def record(session: AsyncSession, *, marketplace_id: str, booking_id: str, type: str, summary: str,
           data: dict | None = None, service: str = "booking", at: datetime | None = None) -> None:
    """`at`: when it happened; for another service's event, the event's time, not its arrival."""
    session.add(TimelineEntry(marketplace_id=marketplace_id, booking_id=booking_id, at=at or utcnow(),
                              service=service, type=type, summary=summary, data=data or {}))


def fact_of(event: Envelope) -> str:
    """The timeline type of another service's event: its type without the version."""
    return event.type.rsplit(".", 1)[0]


def record_event(session: AsyncSession, booking, event: Envelope, summary: str, data: dict | None = None) -> None:
    """Another service's event on the booking's timeline, at the event's time; its data unless `data`."""
    record(session, marketplace_id=booking.marketplace_id, booking_id=booking.id, service=event.source,
           type=fact_of(event), at=event.time, summary=summary,
           data=event.data.model_dump(mode="json") if data is None else data)


async def has_entry(session: AsyncSession, booking, type: str, **data) -> bool:
    """Whether the booking's timeline has an entry of `type` whose data includes `data`."""
    query = select(TimelineEntry.id).where(
        TimelineEntry.marketplace_id == booking.marketplace_id, TimelineEntry.booking_id == booking.id,
        TimelineEntry.type == type, col(TimelineEntry.data).contains(data)).limit(1)
    return (await session.exec(query)).first() is not None


async def entry_data(session: AsyncSession, booking, type: str, **data) -> dict | None:
    """The data of the booking's first timeline entry of `type` whose data includes `data`, if any."""
    query = select(TimelineEntry.data).where(
        TimelineEntry.marketplace_id == booking.marketplace_id, TimelineEntry.booking_id == booking.id,
        TimelineEntry.type == type, col(TimelineEntry.data).contains(data)).order_by(TimelineEntry.id).limit(1)
    return (await session.exec(query)).first()
