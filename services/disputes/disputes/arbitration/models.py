from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field

from disputes.clock import utcnow
from disputes.columns import timestamp
from disputes.db import Base


class Dispute(Base, table=True):
    """The staff side of an escalated report. The money outcome is the report's (reports.models)."""

    __tablename__ = "disputes"
    __table_args__ = (Index("ix_disputes_queue", "marketplace_id", "escalated_at", "report_id"),)

    report_id: str = Field(foreign_key="reports.id", primary_key=True, max_length=32)
    marketplace_id: str = Field(max_length=100)
    booking_id: str = Field(max_length=100)
    reason: str = Field(max_length=20, description="party or unanswered")
    escalated_by: str | None = Field(default=None, max_length=200)
    escalated_at: datetime = Field(default_factory=utcnow, sa_column=timestamp())
    decided_by: str | None = Field(default=None, max_length=200)
    decided_at: datetime | None = Field(default=None, sa_column=timestamp(nullable=True))
    note: str | None = Field(default=None, max_length=2000)
    # The missed-lesson flow settled the lesson before staff decided (misses/): the dispute left their
    # queue undecided. closed_by: provider, staff or platform, as booking's miss_resolved tells.
    closed_at: datetime | None = Field(default=None, sa_column=timestamp(nullable=True))
    closed_by: str | None = Field(default=None, max_length=20)
