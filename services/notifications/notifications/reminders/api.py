"""A lesson's reminders, for its two parties and the marketplace's staff."""

from datetime import datetime

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlmodel import select

from notifications.lessons.models import Lesson
from notifications.reminders.models import Reminder, ReminderStatus
from shared.auth import CurrentIdentity, Role
from shared.errors import NotFound
from shared.http import UoW
from shared.openapi import problem_answers

router = APIRouter(prefix="/v1/reminders", tags=["reminders"])


class ReminderOut(BaseModel):
    booking_id: str
    offset_minutes: int
    lesson_starts_at: datetime
    due_at: datetime
    status: ReminderStatus = Field(description="dropped: the lesson moved, was cancelled or ended before it was "
                                               "due; skipped: due, but the lesson no longer stood")

    @classmethod
    def of(cls, reminder: Reminder) -> "ReminderOut":
        return cls.model_validate(reminder.model_dump())


@router.get("", summary="The reminders of one of the caller's lessons, earliest due first",
            responses=problem_answers((404, "`lesson-not-found`: No such lesson of the caller's")))
async def get_reminders(booking_id: str, identity: CurrentIdentity, uow: UoW) -> list[ReminderOut]:
    lesson = await uow.session.get(Lesson, (identity.marketplace_id, booking_id))
    parties = () if lesson is None else (lesson.student_id, lesson.provider_id)
    if identity.role is not Role.STAFF and identity.user_id not in parties:
        raise NotFound(f"No lesson '{booking_id}' of yours.", slug="lesson-not-found")
    reminders = await uow.session.exec(select(Reminder).where(
        Reminder.marketplace_id == identity.marketplace_id, Reminder.booking_id == booking_id,
    ).order_by(Reminder.due_at))
    return [ReminderOut.of(r) for r in reminders]
