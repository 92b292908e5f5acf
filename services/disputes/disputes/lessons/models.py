from datetime import datetime

from sqlalchemy import BigInteger
from sqlmodel import Field

from disputes.clock import utcnow
from disputes.columns import timestamp
from disputes.db import Base
from disputes.lessons.status import LessonStatus

# MS-1's default; booking's events don't carry a booking's terms yet (see README, "Open questions").
DEFAULT_REPORT_WINDOW_DAYS = 30


class Lesson(Base, table=True):
    __tablename__ = "lessons"

    marketplace_id: str = Field(primary_key=True, max_length=100)
    booking_id: str = Field(primary_key=True, max_length=100)
    student_id: str = Field(max_length=200)
    provider_id: str = Field(max_length=200)
    status: str = Field(max_length=30)
    # Unknown until an event that carries them arrives (a decline may come first).
    starts_at: datetime | None = Field(default=None, sa_column=timestamp(nullable=True))
    ends_at: datetime | None = Field(default=None, sa_column=timestamp(nullable=True))
    # When the latest move applied was announced: an older move, arriving late, doesn't undo a newer one.
    moved_at: datetime | None = Field(default=None, sa_column=timestamp(nullable=True))
    # 64-bit: a price may be up to 100 million of its currency's major unit (shared.currencies).
    price_minor: int | None = Field(default=None, sa_type=BigInteger)
    currency: str | None = Field(default=None, max_length=3)
    report_window_days: int = DEFAULT_REPORT_WINDOW_DAYS
    updated_at: datetime = Field(default_factory=utcnow, sa_column=timestamp())

    @property
    def lesson_status(self) -> LessonStatus:
        return LessonStatus(self.status)
