from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field

from disputes.clock import utcnow
from disputes.columns import timestamp
from disputes.db import Base


class DisputedMark(Base, table=True):
    """One party's mark from one report; the key makes a report mark each user once."""

    __tablename__ = "disputed_marks"
    __table_args__ = (Index("ix_disputed_marks_user", "marketplace_id", "user_id", "marked_at"),)

    report_id: str = Field(foreign_key="reports.id", primary_key=True, max_length=32)
    user_id: str = Field(primary_key=True, max_length=200)
    marketplace_id: str = Field(max_length=100)
    role: str = Field(max_length=20)
    booking_id: str = Field(max_length=100)
    resolution: str = Field(max_length=40)
    marked_at: datetime = Field(default_factory=utcnow, sa_column=timestamp())
