from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field

from notifications.columns import timestamp
from notifications.db import Base


class DisputedPair(Base, table=True):
    """A problem report between a student and a provider, as far as chat cares: while it is escalated
    to staff (escalated, not resolved), staff of the marketplace read the pair's thread. Either event
    may arrive first; the row holds what each told."""

    __tablename__ = "chat_dispute_openings"
    __table_args__ = (Index("ix_chat_dispute_openings_pair", "marketplace_id", "student_id", "provider_id"),)

    marketplace_id: str = Field(primary_key=True, max_length=100)
    report_id: str = Field(primary_key=True, max_length=100)
    booking_id: str = Field(max_length=100)
    student_id: str = Field(max_length=200)
    provider_id: str = Field(max_length=200)
    escalated_at: datetime | None = Field(default=None, sa_column=timestamp(nullable=True))
    resolved_at: datetime | None = Field(default=None, sa_column=timestamp(nullable=True))
