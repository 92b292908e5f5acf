"""What a test does in the service's database directly: a lesson's status changed behind the reminders'
back (to see the timer's own guard), and a look at the timers."""

from datetime import datetime

from sqlalchemy import select

from notifications.lessons.models import Lesson
from notifications.reminders.scheduling import REMIND
from shared.runtime import Runtime
from shared.timers import timers_table


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
