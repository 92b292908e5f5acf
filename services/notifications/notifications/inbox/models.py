from datetime import datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field

from notifications.clock import utcnow
from notifications.columns import timestamp
from notifications.db import Base
from notifications.ids import new_id
from notifications.inbox.states import InboxState


class InboxItem(Base, table=True):
    __tablename__ = "inbox_items"
    __table_args__ = (
        UniqueConstraint("alert_id"),  # one alert is in the inbox once (NT-5, the in-platform channel)
        Index("ix_inbox_items_owner", "marketplace_id", "user_id", "created_at", "id"),
    )

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    marketplace_id: str = Field(max_length=100)
    user_id: str = Field(max_length=200)
    alert_id: str = Field(foreign_key="alerts.id", max_length=32)
    state: str = Field(default=InboxState.UNREAD, max_length=20)
    created_at: datetime = Field(default_factory=utcnow, sa_column=timestamp())
    read_at: datetime | None = Field(default=None, sa_column=timestamp(nullable=True))
    archived_at: datetime | None = Field(default=None, sa_column=timestamp(nullable=True))
