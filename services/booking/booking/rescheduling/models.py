import uuid
from datetime import datetime

from sqlalchemy import Column, DateTime, Index, text
from sqlmodel import Field

from booking.clock import utcnow
from booking.db import Base
from booking.rescheduling.lifecycle import OPEN, RequestStatus

_OPEN = ", ".join(f"'{status}'" for status in sorted(OPEN))


def _timestamp(nullable: bool = False) -> Column:
    return Column(DateTime(timezone=True), nullable=nullable)


class RescheduleRequest(Base, table=True):
    __tablename__ = "reschedule_requests"
    __table_args__ = (
        # One open request per booking, whatever races: the second gets 'reschedule-request-open'.
        Index("uq_reschedule_requests_one_open", "marketplace_id", "booking_id", unique=True,
              postgresql_where=text(f"status IN ({_OPEN})")),
        Index("ix_reschedule_requests_booking", "marketplace_id", "booking_id", "created_at"),
    )

    id: str = Field(default_factory=lambda: uuid.uuid4().hex, primary_key=True, max_length=32)
    marketplace_id: str = Field(max_length=100)
    booking_id: str = Field(max_length=32)
    asked_by: str = Field(max_length=20)  # student or provider
    asked_by_user: str = Field(max_length=200)
    reason: str = Field(max_length=500)
    status: str = Field(default=RequestStatus.AWAITING_PROVIDER, max_length=20)
    # The lesson's time when it was asked, and the times proposed and agreed.
    lesson_starts_at: datetime = Field(sa_column=_timestamp())
    proposed_starts_at: datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
    agreed_starts_at: datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
    answer_reason: str | None = Field(default=None, max_length=500)
    created_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp())
    updated_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp())

    @property
    def request_status(self) -> RequestStatus:
        return RequestStatus(self.status)

    def advance(self, status: RequestStatus) -> None:
        self.status, self.updated_at = status.value, utcnow()
