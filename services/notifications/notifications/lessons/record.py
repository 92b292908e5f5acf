"""A lesson as alerts and reminders read it: a plain value, as the lesson store returns it."""

from dataclasses import dataclass
from datetime import datetime

from notifications.lessons.status import LessonStatus


@dataclass(frozen=True, slots=True)
class LessonRecord:
    marketplace_id: str
    booking_id: str
    student_id: str
    provider_id: str
    status: str
    # Unknown until an event that carries them arrives (a decline may come first).
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    price_minor: int | None = None
    currency: str | None = None

    @property
    def lesson_status(self) -> LessonStatus:
        return LessonStatus(self.status)
