"""What a test does in the service's database directly: what a later issue's events will do (move or
cancel a lesson), and a look at the timers."""

from datetime import datetime

from sqlalchemy import select

from notifications.lessons.models import Lesson
from notifications.reminders.scheduling import REMIND, plan_reminders
from shared.runtime import Runtime
from shared.timers import timers_table


async def move_lesson(runtime: Runtime, marketplace_id: str, booking_id: str, starts_at: datetime) -> None:
    """A reschedule, as its handler will do it once booking publishes one: move the lesson, re-plan."""
    async with runtime.uow() as uow:
        lesson = await uow.session.get(Lesson, (marketplace_id, booking_id), with_for_update=True)
        lesson.ends_at = starts_at + (lesson.ends_at - lesson.starts_at)
        lesson.starts_at = starts_at
        await plan_reminders(uow, lesson)
        await uow.commit()


async def set_lesson_status(runtime: Runtime, marketplace_id: str, booking_id: str, status: str) -> None:
    async with runtime.uow() as uow:
        lesson = await uow.session.get(Lesson, (marketplace_id, booking_id), with_for_update=True)
        lesson.status = status
        await uow.commit()


async def reminder_timers(runtime: Runtime, marketplace_id: str, booking_id: str) -> list[datetime]:
    async with runtime.engine.connect() as conn:
        rows = await conn.execute(select(timers_table.c.due_at).where(
            timers_table.c.kind == REMIND, timers_table.c.key.startswith(f"{marketplace_id}/{booking_id}/")))
        return sorted(rows.scalars())
