from datetime import datetime

from sqlalchemy import Column, ForeignKey, Index, String, UniqueConstraint
from sqlmodel import Field

from notifications.clock import utcnow
from notifications.columns import document, timestamp
from notifications.db import Base
from notifications.delivery.models import DeliveryStatus
from notifications.ids import new_id


class Endpoint(Base, table=True):
    __tablename__ = "webhook_endpoints"

    id: str = Field(default_factory=lambda: f"ep_{new_id()}", primary_key=True, max_length=40)
    marketplace_id: str = Field(max_length=100, index=True)
    url: str = Field(max_length=1000)
    description: str | None = Field(default=None, max_length=500)
    event_types: list[str] = Field(default_factory=list, sa_column=document())
    secret: str = Field(max_length=100)
    # After a rotation the old secret signs too until then, so the partner can switch without a gap.
    previous_secret: str | None = Field(default=None, max_length=100)
    previous_secret_until: datetime | None = Field(default=None, sa_column=timestamp(nullable=True))
    enabled: bool = True
    disabled_reason: str | None = Field(default=None, max_length=500)
    created_at: datetime = Field(default_factory=utcnow, sa_column=timestamp())
    updated_at: datetime = Field(default_factory=utcnow, sa_column=timestamp())


class WebhookDelivery(Base, table=True):
    """One event to one endpoint: its id is the `webhook-id` the partner dedupes on."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        UniqueConstraint("endpoint_id", "event_id"),  # one event is POSTed to one endpoint once in effect
        Index("ix_webhook_deliveries_log", "endpoint_id", "created_at", "id"),
    )

    id: str = Field(default_factory=lambda: f"msg_{new_id()}", primary_key=True, max_length=40)
    marketplace_id: str = Field(max_length=100)
    # The log goes with its endpoint when the partner deletes it.
    endpoint_id: str = Field(sa_column=Column(String(40), ForeignKey("webhook_endpoints.id", ondelete="CASCADE"),
                                              nullable=False))
    event_id: str = Field(max_length=40)
    event_type: str = Field(max_length=200)
    body: str
    status: str = Field(default=DeliveryStatus.PENDING, max_length=20)
    attempts: int = 0
    next_attempt_at: datetime | None = Field(default=None, sa_column=timestamp(nullable=True))
    last_status_code: int | None = None
    last_error: str | None = Field(default=None, max_length=2000)
    created_at: datetime = Field(default_factory=utcnow, sa_column=timestamp())
    updated_at: datetime = Field(default_factory=utcnow, sa_column=timestamp())
    sent_at: datetime | None = Field(default=None, sa_column=timestamp(nullable=True))
