from datetime import datetime
from enum import StrEnum

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field

from notifications.clock import utcnow
from notifications.columns import timestamp
from notifications.db import Base
from notifications.ids import new_id


class DeliveryStatus(StrEnum):
    PENDING = "pending"  # an attempt is scheduled
    SENT = "sent"
    FAILED = "failed"  # retries exhausted or refused for good: visible to staff, replayable
    CANCELLED = "cancelled"  # the channel was removed or disabled before it could be sent


class Delivery(Base, table=True):
    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("alert_id", "channel"),  # NT-5: one alert, one delivery per channel
        Index("ix_deliveries_status", "marketplace_id", "status", "created_at", "id"),
    )

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    marketplace_id: str = Field(max_length=100)
    user_id: str = Field(max_length=200)
    alert_id: str = Field(foreign_key="alerts.id", max_length=32)
    channel: str = Field(max_length=20)
    status: str = Field(default=DeliveryStatus.PENDING, max_length=20)
    attempts: int = 0
    next_attempt_at: datetime | None = Field(default=None, sa_column=timestamp(nullable=True))
    last_error: str | None = Field(default=None, max_length=2000)
    # Where the last attempt went (a Discord webhook with its token shortened).
    destination: str | None = Field(default=None, max_length=500)
    created_at: datetime = Field(default_factory=utcnow, sa_column=timestamp())
    updated_at: datetime = Field(default_factory=utcnow, sa_column=timestamp())
    sent_at: datetime | None = Field(default=None, sa_column=timestamp(nullable=True))
