from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from notifications.alerts.rendering import plain_text
from notifications.clock import utcnow
from notifications.columns import document, timestamp
from notifications.db import Base
from notifications.ids import new_id


class Alert(Base, table=True):
    """One fact told to one user, rendered once. Its inbox item and deliveries hang off it."""

    __tablename__ = "alerts"
    # NT-5: the same fact never alerts a user twice, however often its event is delivered or re-announced.
    __table_args__ = (UniqueConstraint("marketplace_id", "user_id", "dedupe_key"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    marketplace_id: str = Field(max_length=100)
    user_id: str = Field(max_length=200)
    kind: str = Field(max_length=20)
    dedupe_key: str = Field(max_length=300)
    subject: str = Field(max_length=300)
    lead: str = Field(max_length=4000)
    facts: list[list[str]] = Field(default_factory=list, sa_column=document())
    next_step: str | None = Field(default=None, max_length=1000)
    created_at: datetime = Field(default_factory=utcnow, sa_column=timestamp())

    @property
    def text(self) -> str:
        return plain_text(self.subject, self.lead, self.facts, self.next_step)
