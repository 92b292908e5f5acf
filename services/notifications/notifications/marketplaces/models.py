from datetime import datetime

from sqlmodel import Field

from notifications.clock import utcnow
from notifications.columns import document, timestamp
from notifications.db import Base


class MarketplacePolicy(Base, table=True):
    """A marketplace's own choices; null means the service's default (NotificationsSettings)."""

    __tablename__ = "marketplace_policies"

    marketplace_id: str = Field(primary_key=True, max_length=100)
    reminder_offsets_hours: list[float] | None = Field(default=None, sa_column=document(nullable=True))
    unread_chat_forward_delay_s: float | None = None
    registered_at: datetime = Field(default_factory=utcnow, sa_column=timestamp())
