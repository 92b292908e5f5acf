"""Booking's events folded into the lesson row, in the transaction that handles them."""

from datetime import datetime

from sqlalchemy.dialects.postgresql import insert
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from disputes.clock import utcnow
from disputes.lessons.models import Lesson
from disputes.lessons.status import LessonStatus, advance
from shared.events import BookingRescheduled, Money


async def record(session: AsyncSession, marketplace_id: str, booking_id: str, student_id: str, provider_id: str,
                 status: LessonStatus, starts_at: datetime | None = None, ends_at: datetime | None = None,
                 price: Money | None = None) -> Lesson:
    # Insert-or-nothing first, then lock: two events of one booking handled at once wait for each other.
    await session.exec(insert(Lesson).values(
        marketplace_id=marketplace_id, booking_id=booking_id, student_id=student_id, provider_id=provider_id,
        status=status.value, updated_at=utcnow()).on_conflict_do_nothing())
    lesson = (await session.exec(select(Lesson).where(
        Lesson.marketplace_id == marketplace_id, Lesson.booking_id == booking_id).with_for_update())).one()
    lesson.status = advance(lesson.lesson_status, status).value
    if starts_at is not None and ends_at is not None and lesson.moved_at is None:  # once moved, only a newer move
        lesson.starts_at, lesson.ends_at = starts_at, ends_at
    if price is not None:
        lesson.price_minor, lesson.currency = price.amount_minor, price.currency
    lesson.updated_at = utcnow()
    session.add(lesson)
    return lesson


async def move(session: AsyncSession, marketplace_id: str, moved: BookingRescheduled, announced_at: datetime) -> None:
    """The lesson at its new time, unless a move announced later was applied already."""
    lesson = await record(session, marketplace_id, moved.booking_id, moved.student_id, moved.provider_id,
                          LessonStatus.CONFIRMED)
    if lesson.moved_at is None or announced_at > lesson.moved_at:
        lesson.starts_at, lesson.ends_at, lesson.moved_at = moved.starts_at, moved.ends_at, announced_at
