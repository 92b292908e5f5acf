"""Keeping the projection from events, so that a redelivered, re-announced or late event is harmless:
a lesson keeps the start of its latest reschedule (a request, however often announced, only sets the
first one), a student-provider pair keeps its latest message time."""

from datetime import datetime

from sqlalchemy import func
from sqlalchemy.dialects.postgresql import insert
from sqlmodel.ext.asyncio.session import AsyncSession

from wallet.contacts.models import LessonStart, StudentContact

starts, contacts = LessonStart.__table__, StudentContact.__table__
_LESSON = ["marketplace_id", "booking_id"]


def _start(marketplace_id: str, booking_id: str, student_id: str, provider_id: str, starts_at: datetime,
           as_of: datetime):
    return insert(starts).values(marketplace_id=marketplace_id, booking_id=booking_id, student_id=student_id,
                                 provider_id=provider_id, starts_at=starts_at, as_of=as_of)


async def record_requested_start(session: AsyncSession, *lesson, as_of: datetime) -> None:
    """(marketplace_id, booking_id, student_id, provider_id, starts_at) as the booking was requested."""
    await session.exec(_start(*lesson, as_of).on_conflict_do_nothing(index_elements=_LESSON))


async def record_moved_start(session: AsyncSession, *lesson, as_of: datetime) -> None:
    """The start a reschedule moved the lesson to, unless a later reschedule was recorded already."""
    stmt = _start(*lesson, as_of)
    await session.exec(stmt.on_conflict_do_update(
        index_elements=_LESSON, set_={"starts_at": stmt.excluded.starts_at, "as_of": stmt.excluded.as_of},
        where=starts.c.as_of < stmt.excluded.as_of))


async def record_student_message(session: AsyncSession, marketplace_id: str, student_id: str, provider_id: str,
                                 sent_at: datetime) -> None:
    stmt = insert(contacts).values(marketplace_id=marketplace_id, student_id=student_id, provider_id=provider_id,
                                   last_written_at=sent_at)
    await session.exec(stmt.on_conflict_do_update(
        index_elements=["marketplace_id", "student_id", "provider_id"],
        set_={"last_written_at": func.greatest(contacts.c.last_written_at, stmt.excluded.last_written_at)}))
