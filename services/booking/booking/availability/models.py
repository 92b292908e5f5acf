import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, Column, DateTime, Index
from sqlmodel import Field

from booking.availability.slots import Interval
from booking.availability.weekly_hours import WeeklyWindow
from booking.clock import utcnow
from booking.db import Base


class WeeklyHours(Base, table=True):
    """One window of a provider's weekly hours, in wall-clock minutes of the provider's zone."""

    __tablename__ = "weekly_hours"
    __table_args__ = (
        Index("ix_weekly_hours_provider", "marketplace_id", "provider_id"),
        CheckConstraint("weekday BETWEEN 1 AND 7", name="iso_weekday"),
        CheckConstraint("0 <= start_minute AND start_minute < end_minute AND end_minute <= 1440", name="in_day"),
    )

    id: int | None = Field(default=None, primary_key=True)
    marketplace_id: str = Field(max_length=100)
    provider_id: str = Field(max_length=200)
    weekday: int
    start_minute: int
    end_minute: int

    @property
    def window(self) -> WeeklyWindow:
        return WeeklyWindow(self.weekday, self.start_minute, self.end_minute)


class Block(Base, table=True):
    """A period the provider is not available, whatever their weekly hours say."""

    __tablename__ = "blocks"
    __table_args__ = (
        Index("ix_blocks_provider_time", "marketplace_id", "provider_id", "ends_at"),
        CheckConstraint("starts_at < ends_at", name="starts_before_end"),
    )

    id: str = Field(default_factory=lambda: uuid.uuid4().hex, primary_key=True, max_length=32)
    marketplace_id: str = Field(max_length=100)
    provider_id: str = Field(max_length=200)
    starts_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    ends_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    reason: str | None = Field(default=None, max_length=500)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False))

    @property
    def interval(self) -> Interval:
        return Interval(self.starts_at, self.ends_at)
