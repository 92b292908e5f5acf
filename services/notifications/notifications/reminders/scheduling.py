"""Planning and dropping a lesson's reminders. booking_confirmed plans them; booking_rescheduled plans
them again once the lesson moved (the old time's are dropped); a cancellation drops them."""

from datetime import datetime

from asyncpg import Connection

from notifications.clock import utcnow
from notifications.lessons.record import LessonRecord
from notifications.lessons.status import stands
from notifications.marketplaces.store import policy_of
from notifications.reminders.planning import reminder_times
from notifications.reminders.store import replace_reminders
from shared.unit_of_work import UnitOfWork

REMIND = "lesson.reminder"


def timer_key(marketplace_id: str, booking_id: str, offset_minutes: int) -> str:
    return f"{marketplace_id}/{booking_id}/{offset_minutes}"


async def plan_reminders(uow: UnitOfWork, conn: Connection, lesson: LessonRecord) -> None:
    """The lesson's reminders for its current start time, replacing any planned for another time."""
    if not stands(lesson.lesson_status) or lesson.starts_at is None:
        await drop_reminders(uow, conn, lesson.marketplace_id, lesson.booking_id)
        return
    policy = await policy_of(uow, lesson.marketplace_id)
    planned = reminder_times(lesson.starts_at, policy.reminder_offsets, utcnow())
    await _replace(uow, conn, lesson.marketplace_id, lesson.booking_id, lesson.starts_at, planned)


async def drop_reminders(uow: UnitOfWork, conn: Connection, marketplace_id: str, booking_id: str) -> None:
    await _replace(uow, conn, marketplace_id, booking_id, None, [])


async def _replace(uow: UnitOfWork, conn: Connection, marketplace_id: str, booking_id: str, starts_at: datetime | None,
                   planned: list[tuple[int, datetime]]) -> None:
    replaced = await replace_reminders(conn, marketplace_id, booking_id, starts_at, planned, utcnow())
    # A timer is keyed by its offset, not the lesson's time: one moved keeps its offsets' timers, set anew.
    for minutes in set(replaced.dropped) - {minutes for minutes, _ in replaced.scheduled}:
        await uow.cancel_timer(REMIND, timer_key(marketplace_id, booking_id, minutes))
    for minutes, due_at in replaced.scheduled:
        await uow.schedule(REMIND, timer_key(marketplace_id, booking_id, minutes), due_at,
                           {"booking_id": booking_id, "offset_minutes": minutes}, marketplace=marketplace_id)
