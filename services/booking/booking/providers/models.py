import uuid
from datetime import datetime

from sqlalchemy import Column, DateTime, Index, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field

from booking.clock import utcnow
from booking.db import Base
from booking.providers.standing import ProviderStatus, Standing


class Provider(Base, table=True):
    __tablename__ = "providers"

    marketplace_id: str = Field(primary_key=True, max_length=100)
    # The provider's user id in the marketplace's tokens: partners address providers by it.
    id: str = Field(primary_key=True, max_length=200)
    display_name: str = Field(max_length=200)
    timezone: str = Field(max_length=64)
    lesson_kinds: list[str] = Field(default_factory=list, sa_column=Column(JSONB, nullable=False))
    status: str = Field(default=ProviderStatus.ACTIVE, max_length=20)
    paused_by: str | None = Field(default=None, max_length=20)
    # PS-1: set when staff reinstate a suspended provider; only strikes after it count towards a new
    # suspension, so the strikes that led to the last one don't suspend them again on the next alone.
    strikes_reset_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False))

    @property
    def standing(self) -> Standing:
        return Standing.of(self.status, self.paused_by)

    def change_standing(self, standing: Standing) -> None:
        self.status, self.paused_by = standing.status.value, standing.paused_by
        self.updated_at = utcnow()


class ProviderStrike(Base, table=True):
    """One thing that counts against a provider (PS-1): a cancellation they caused, a rearrangement
    of a student's booking, or a miss they left unresolved. Counted against the policy's threshold
    (see suspension.py)."""

    __tablename__ = "provider_strikes"
    __table_args__ = (
        Index("ix_provider_strikes_provider", "marketplace_id", "provider_id", "recorded_at"),
        # A lesson is missed once, so it counts against its provider once, whatever is replayed.
        Index("uq_provider_strikes_one_miss", "marketplace_id", "booking_id", unique=True,
              postgresql_where=text("kind = 'miss'")),
    )

    id: str = Field(default_factory=lambda: uuid.uuid4().hex, primary_key=True, max_length=32)
    marketplace_id: str = Field(max_length=100)
    provider_id: str = Field(max_length=200)
    booking_id: str = Field(max_length=32)
    kind: str = Field(max_length=20)  # StrikeKind
    reason: str = Field(max_length=500)
    recorded_at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False))


class StandingChange(Base, table=True):
    """One change of a provider's standing, for their record (PS-2): paused, resumed, reactivated,
    suspended or reinstated; by whom (the provider, staff, or the platform's strike count), when, why."""

    __tablename__ = "provider_standing_changes"
    __table_args__ = (Index("ix_provider_standing_changes_provider", "marketplace_id", "provider_id", "at"),)

    id: str = Field(default_factory=lambda: uuid.uuid4().hex, primary_key=True, max_length=32)
    marketplace_id: str = Field(max_length=100)
    provider_id: str = Field(max_length=200)
    change: str = Field(max_length=20)  # StandingChangeKind
    from_status: str = Field(max_length=20)
    to_status: str = Field(max_length=20)
    by: str = Field(max_length=20)  # provider, staff or platform
    by_user: str | None = Field(default=None, max_length=200)
    reason: str | None = Field(default=None, max_length=500)
    at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False))


class DisputedMark(Base, table=True):
    """DS-2 as booking sees it, for the provider's record (PS-2): a report that ended in anything but
    a reschedule marks both parties. One row per report (it marks its provider and its student)."""

    __tablename__ = "disputed_marks"
    __table_args__ = (
        UniqueConstraint("marketplace_id", "report_id", name="uq_disputed_marks_report"),
        Index("ix_disputed_marks_provider", "marketplace_id", "provider_id"),
    )

    id: str = Field(default_factory=lambda: uuid.uuid4().hex, primary_key=True, max_length=32)
    marketplace_id: str = Field(max_length=100)
    report_id: str = Field(max_length=100)
    booking_id: str = Field(max_length=32)
    provider_id: str = Field(max_length=200)
    student_id: str = Field(max_length=200)
    resolution: str = Field(max_length=50)
    decided_by: str = Field(max_length=20)
    at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
