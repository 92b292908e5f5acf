from datetime import datetime

from sqlmodel import Field

from notifications.clock import utcnow
from notifications.columns import timestamp
from notifications.db import Base


class MarketplaceDiscord(Base, table=True):
    """The Discord webhook of a marketplace's bot: users who give their Discord user id instead of a
    webhook of their own get their alerts posted there, with a mention of them. Set by staff;
    disabled by the service when Discord says it is gone."""

    __tablename__ = "marketplace_discord_webhooks"

    marketplace_id: str = Field(primary_key=True, max_length=100)
    webhook_url: str = Field(max_length=500)
    active: bool = True
    disabled_reason: str | None = Field(default=None, max_length=500)
    # Discord's rate limit of this webhook, shared by every user posted through it.
    rate_limited_until: datetime | None = Field(default=None, sa_column=timestamp(nullable=True))
    updated_by: str = Field(max_length=200)
    updated_at: datetime = Field(default_factory=utcnow, sa_column=timestamp())
