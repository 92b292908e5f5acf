"""Finding a lesson. A party finds their own, anyone else gets "not found" (PL-2), never
"forbidden", so a booking id reveals nothing about whether it exists (reports.filing, the one
place a caller names a lesson)."""

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from disputes.lessons.models import Lesson
from shared.errors import NotFound


class LessonNotFound(NotFound):
    slug = "lesson-not-found"


async def lesson_of(session: AsyncSession, marketplace_id: str, booking_id: str) -> Lesson:
    """The lesson a report is about; it exists, since the report was filed on it."""
    return (await session.exec(select(Lesson).where(
        Lesson.marketplace_id == marketplace_id, Lesson.booking_id == booking_id))).one()
