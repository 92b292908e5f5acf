from functools import partial

from sqlmodel import select

from notifications.alerts.raising import Recipient, raise_alerts
from notifications.alerts.templates.reminder import lesson_reminder
from notifications.clock import utcnow
from notifications.lessons.projection import lesson_of
from notifications.lessons.status import stands
from notifications.reminders.models import Reminder, ReminderStatus
from notifications.reminders.scheduling import REMIND
from shared.database import driver_connection
from shared.timers import Timer, TimerRegistry
from shared.unit_of_work import UnitOfWork

timers = TimerRegistry()


@timers.on(REMIND)
async def remind_both_parties(timer: Timer, uow: UnitOfWork) -> None:
    booking_id, minutes = timer.payload["booking_id"], timer.payload["offset_minutes"]
    reminder = (await uow.session.exec(select(Reminder).where(
        Reminder.marketplace_id == timer.marketplace, Reminder.booking_id == booking_id,
        Reminder.offset_minutes == minutes, Reminder.status == ReminderStatus.SCHEDULED).with_for_update())).first()
    if reminder is None:
        return
    conn = await driver_connection(uow.session)
    lesson = await lesson_of(conn, timer.marketplace, booking_id)
    still_on = (lesson is not None and stands(lesson.lesson_status) and lesson.starts_at == reminder.lesson_starts_at
                and lesson.starts_at > utcnow())
    reminder.status, reminder.updated_at = (ReminderStatus.SENT if still_on else ReminderStatus.SKIPPED).value, utcnow()
    uow.session.add(reminder)
    if not still_on:
        return  # never a reminder for a lesson that was moved, cancelled or has begun
    parties = [Recipient(lesson.student_id, partial(lesson_reminder, reminder, "student")),
               Recipient(lesson.provider_id, partial(lesson_reminder, reminder, "provider"))]
    await raise_alerts(uow, conn, timer.marketplace, parties, lesson)
