from datetime import datetime

from sqlalchemy import Boolean, Column, UniqueConstraint, false
from sqlmodel import Field

from notifications.clock import utcnow
from notifications.columns import document, timestamp
from notifications.db import Base
from notifications.ids import new_id


class Preferences(Base, table=True):
    __tablename__ = "preferences"

    marketplace_id: str = Field(primary_key=True, max_length=100)
    user_id: str = Field(primary_key=True, max_length=200)
    timezone: str = Field(default="UTC", max_length=64)
    # kind -> channels. A kind left out goes to every channel the user has active.
    alert_channels: dict[str, list[str]] = Field(default_factory=dict, sa_column=document())
    updated_at: datetime = Field(default_factory=utcnow, sa_column=timestamp())


class UserChannel(Base, table=True):
    """A user's email address or Discord webhook. Disabled by the service when Discord says the
    webhook is gone; the user enables it again by giving a working one."""

    __tablename__ = "user_channels"
    __table_args__ = (UniqueConstraint("marketplace_id", "user_id", "channel"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    marketplace_id: str = Field(max_length=100)
    user_id: str = Field(max_length=200)
    channel: str = Field(max_length=20)
    address: str = Field(max_length=500)
    # Discord by user id: `address` is the user's Discord id (a snowflake), and their alerts go to the
    # marketplace's bot webhook with a mention of them (marketplaces/discord.py).
    through_marketplace_bot: bool = Field(default=False, sa_column=Column(
        "through_marketplace_bot", Boolean, nullable=False, server_default=false()))
    active: bool = True
    disabled_reason: str | None = Field(default=None, max_length=500)
    # Discord's rate limit of this webhook: nothing is sent to it before then.
    rate_limited_until: datetime | None = Field(default=None, sa_column=timestamp(nullable=True))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=timestamp())
