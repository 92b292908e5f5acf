"""Planning and dropping a lesson's reminders. booking_confirmed plans them; booking_rescheduled plans
them again once the lesson moved (the old time's are dropped); a cancellation drops them."""

from sqlmodel import select

from notifications.clock import utcnow
from notifications.lessons.models import Lesson
from notifications.lessons.status import stands
from notifications.marketplaces.policy import policy_of
from notifications.reminders.models import Reminder, ReminderStatus
from notifications.reminders.planning import reminder_times
from shared.unit_of_work import UnitOfWork

REMIND = "lesson.reminder"


def timer_key(marketplace_id: str, booking_id: str, offset_minutes: int) -> str:
    return f"{marketplace_id}/{booking_id}/{offset_minutes}"


async def plan_reminders(uow: UnitOfWork, lesson: Lesson) -> list[Reminder]:
    """The lesson's reminders for its current start time, replacing any planned for another time."""
    await drop_reminders(uow, lesson.marketplace_id, lesson.booking_id)
    if not stands(lesson.lesson_status) or lesson.starts_at is None:
        return []
    policy = await policy_of(uow.session, lesson.marketplace_id)
    planned = []
    for minutes, due_at in reminder_times(lesson.starts_at, policy.reminder_offsets, utcnow()):
        reminder = await _reminder(uow, lesson, minutes)
        if reminder is not None and reminder.status == ReminderStatus.SENT:
            continue  # the confirmation came again: this one is out already
        reminder = reminder or Reminder(marketplace_id=lesson.marketplace_id, booking_id=lesson.booking_id,
                                        offset_minutes=minutes, lesson_starts_at=lesson.starts_at, due_at=due_at)
        reminder.status, reminder.due_at, reminder.updated_at = ReminderStatus.SCHEDULED.value, due_at, utcnow()
        uow.session.add(reminder)
        await uow.schedule(REMIND, timer_key(lesson.marketplace_id, lesson.booking_id, minutes), due_at,
                           {"booking_id": lesson.booking_id, "offset_minutes": minutes},
                           marketplace=lesson.marketplace_id)
        planned.append(reminder)
    return planned


async def drop_reminders(uow: UnitOfWork, marketplace_id: str, booking_id: str) -> None:
    scheduled = await uow.session.exec(select(Reminder).where(
        Reminder.marketplace_id == marketplace_id, Reminder.booking_id == booking_id,
        Reminder.status == ReminderStatus.SCHEDULED).with_for_update())
    for reminder in scheduled:
        await uow.cancel_timer(REMIND, timer_key(marketplace_id, booking_id, reminder.offset_minutes))
        reminder.status, reminder.updated_at = ReminderStatus.DROPPED.value, utcnow()
        uow.session.add(reminder)


async def _reminder(uow: UnitOfWork, lesson: Lesson, minutes: int) -> Reminder | None:
    return (await uow.session.exec(select(Reminder).where(
        Reminder.marketplace_id == lesson.marketplace_id, Reminder.booking_id == lesson.booking_id,
        Reminder.offset_minutes == minutes, Reminder.lesson_starts_at == lesson.starts_at))).first()
