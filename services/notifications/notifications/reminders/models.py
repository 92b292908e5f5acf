from datetime import datetime
from enum import StrEnum

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from notifications.clock import utcnow
from notifications.columns import timestamp
from notifications.db import Base
from notifications.ids import new_id


class ReminderStatus(StrEnum):
    SCHEDULED = "scheduled"
    SENT = "sent"
    DROPPED = "dropped"  # the lesson moved, was cancelled or ended before it was due
    SKIPPED = "skipped"  # due, but the lesson no longer stood


class Reminder(Base, table=True):
    __tablename__ = "reminders"
    # One reminder per offset for each time the lesson is at: a moved lesson gets new ones.
    __table_args__ = (UniqueConstraint("marketplace_id", "booking_id", "offset_minutes", "lesson_starts_at"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    marketplace_id: str = Field(max_length=100)
    booking_id: str = Field(max_length=100)
    offset_minutes: int
    lesson_starts_at: datetime = Field(sa_column=timestamp())
    due_at: datetime = Field(sa_column=timestamp())
    status: str = Field(default=ReminderStatus.SCHEDULED, max_length=20)
    updated_at: datetime = Field(default_factory=utcnow, sa_column=timestamp())
