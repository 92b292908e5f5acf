"""Keeping the projection from events, so that a redelivered, re-announced or late event is harmless:
a lesson keeps the start of its latest reschedule (a request, however often announced, only sets the
first one), a student-provider pair keeps its latest message time."""

from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from shared.database import driver_connection

_START = (
    "INSERT INTO lesson_starts (marketplace_id, booking_id, student_id, provider_id, starts_at, as_of)"
    " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (marketplace_id, booking_id)"
)
_REQUESTED_START = _START + " DO NOTHING"
_MOVED_START = (
    _START + " DO UPDATE SET starts_at = excluded.starts_at, as_of = excluded.as_of"
    " WHERE lesson_starts.as_of < excluded.as_of"
)
_STUDENT_MESSAGE = (
    "INSERT INTO student_contacts (marketplace_id, student_id, provider_id, last_written_at)"
    " VALUES ($1, $2, $3, $4) ON CONFLICT (marketplace_id, student_id, provider_id)"
    " DO UPDATE SET last_written_at = greatest(student_contacts.last_written_at, excluded.last_written_at)"
)


async def record_requested_start(session: AsyncSession, *lesson, as_of: datetime) -> None:
    """(marketplace_id, booking_id, student_id, provider_id, starts_at) as the booking was requested."""
    await (await driver_connection(session)).execute(_REQUESTED_START, *lesson, as_of)


async def record_moved_start(session: AsyncSession, *lesson, as_of: datetime) -> None:
    """The start a reschedule moved the lesson to, unless a later reschedule was recorded already."""
    await (await driver_connection(session)).execute(_MOVED_START, *lesson, as_of)


async def record_student_message(session: AsyncSession, marketplace_id: str, student_id: str, provider_id: str,
                                 sent_at: datetime) -> None:
    await (await driver_connection(session)).execute(_STUDENT_MESSAGE, marketplace_id, student_id, provider_id,
                                                     sent_at)
