"""Booking's events folded into the lesson row, in the transaction that handles them: one statement
each, on the driver connection (lessons.store)."""

from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from disputes.clock import utcnow
from disputes.lessons import store
from disputes.lessons.status import LessonStatus, replaced_by
from shared.database import driver_connection
from shared.events import BookingRescheduled, Money

_REPLACES = {status: sorted(replaced.value for replaced in replaced_by(status)) for status in LessonStatus}


async def record(session: AsyncSession, marketplace_id: str, booking_id: str, student_id: str, provider_id: str,
                 status: LessonStatus, starts_at: datetime | None = None, ends_at: datetime | None = None,
                 price: Money | None = None) -> None:
    if starts_at is None or ends_at is None:  # the times count only together
        starts_at = ends_at = None
    facts = store.LessonFacts(marketplace_id, booking_id, student_id, provider_id, status.value, _REPLACES[status],
                              starts_at, ends_at, price.amount_minor if price else None,
                              price.currency if price else None)
    await store.record(await driver_connection(session), facts, utcnow())


async def move(session: AsyncSession, marketplace_id: str, moved: BookingRescheduled, announced_at: datetime) -> None:
    """The lesson at its new time, unless a move announced later was applied already."""
    status = LessonStatus.CONFIRMED
    facts = store.LessonFacts(marketplace_id, moved.booking_id, moved.student_id, moved.provider_id, status.value,
                              _REPLACES[status], moved.starts_at, moved.ends_at)
    await store.move(await driver_connection(session), facts, announced_at, utcnow())
