from datetime import datetime

from sqlalchemy import BigInteger, Column, DateTime, Identity, Index
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field

from booking.db import Base


class TimelineEntry(Base, table=True):
    """One state change of a booking, by booking itself or by another service (from its event)."""

    __tablename__ = "timeline_entries"
    __table_args__ = (Index("ix_timeline_entries_booking", "marketplace_id", "booking_id", "at", "id"),)

    id: int | None = Field(default=None, sa_column=Column(BigInteger, Identity(), primary_key=True))
    marketplace_id: str = Field(max_length=100)
    booking_id: str = Field(max_length=32)
    at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    service: str = Field(max_length=50)
    type: str = Field(max_length=100)
    summary: str = Field(max_length=500)
    data: dict = Field(default_factory=dict, sa_column=Column(JSONB, nullable=False))
