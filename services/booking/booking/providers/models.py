import uuid
from datetime import datetime

from sqlalchemy import Column, DateTime, Index
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field

from booking.clock import utcnow
from booking.db import Base
from booking.providers.standing import PausedBy, ProviderStatus, Standing


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
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False))

    @property
    def standing(self) -> Standing:
        return Standing(ProviderStatus(self.status), PausedBy(self.paused_by) if self.paused_by else None)

    def change_standing(self, standing: Standing) -> None:
        self.status, self.paused_by = standing.status.value, standing.paused_by
        self.updated_at = utcnow()


class ProviderStrike(Base, table=True):
    """One thing that counts against a provider (PS-1): a cancellation they caused or a rearrangement
    of a student's booking. Counted against the policy's threshold by a later issue."""

    __tablename__ = "provider_strikes"
    __table_args__ = (Index("ix_provider_strikes_provider", "marketplace_id", "provider_id", "recorded_at"),)

    id: str = Field(default_factory=lambda: uuid.uuid4().hex, primary_key=True, max_length=32)
    marketplace_id: str = Field(max_length=100)
    provider_id: str = Field(max_length=200)
    booking_id: str = Field(max_length=32)
    kind: str = Field(max_length=20)  # StrikeKind
    reason: str = Field(max_length=500)
    recorded_at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False))
