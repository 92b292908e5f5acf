"""Finding a lesson: a party finds their own, anyone else gets "not found" (PL-2), never
"forbidden", so a booking id reveals nothing about whether it exists."""

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from disputes.lessons.models import Lesson
from disputes.lessons.parties import party_role
from shared.auth import Identity
from shared.errors import NotFound


class LessonNotFound(NotFound):
    slug = "lesson-not-found"


async def party_lesson(session: AsyncSession, identity: Identity, booking_id: str, for_update: bool = False) -> Lesson:
    query = select(Lesson).where(Lesson.marketplace_id == identity.marketplace_id, Lesson.booking_id == booking_id)
    lesson = (await session.exec(query.with_for_update() if for_update else query)).first()
    if lesson is None or party_role(lesson, identity) is None:
        # Also when booking's event has not arrived yet: the caller can try again in a moment.
        raise LessonNotFound(f"No lesson '{booking_id}' of yours.")
    return lesson


async def lesson_of(session: AsyncSession, marketplace_id: str, booking_id: str) -> Lesson:
    """The lesson a report is about; it exists, since the report was filed on it."""
    return (await session.exec(select(Lesson).where(
        Lesson.marketplace_id == marketplace_id, Lesson.booking_id == booking_id))).one()
