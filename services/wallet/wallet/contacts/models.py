"""The projection's two tables. Both are kept from events and hold only what the rule needs."""

from datetime import datetime

from sqlalchemy import Column, DateTime
from sqlmodel import Field

from wallet.columns import USER_LENGTH
from wallet.db import Base


def _moment() -> datetime:
    return Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class LessonStart(Base, table=True):
    """When a booked lesson starts, as booking last announced it (requested, then rescheduled)."""

    __tablename__ = "lesson_starts"

    marketplace_id: str = Field(primary_key=True, max_length=100)
    booking_id: str = Field(primary_key=True, max_length=100)
    student_id: str = Field(max_length=USER_LENGTH)
    provider_id: str = Field(max_length=USER_LENGTH)
    starts_at: datetime = _moment()
    # The time of the event that set `starts_at`: an older event arriving late changes nothing.
    as_of: datetime = _moment()


class StudentContact(Base, table=True):
    """The latest time a student wrote to a provider in their chat thread."""

    __tablename__ = "student_contacts"

    marketplace_id: str = Field(primary_key=True, max_length=100)
    student_id: str = Field(primary_key=True, max_length=USER_LENGTH)
    provider_id: str = Field(primary_key=True, max_length=USER_LENGTH)
    last_written_at: datetime = _moment()
