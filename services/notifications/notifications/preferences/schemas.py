from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from notifications.preferences import validation
from notifications.preferences.kinds import AlertKind, Channel
from notifications.preferences.models import UserChannel


class PreferencesIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"timezone": "Europe/Berlin", "alerts": {"booking": ["in_platform", "email"], "reminder": ["discord"],
                                                 "chat": ["email"]}}]})

    timezone: str = Field(default="UTC", description="IANA zone the alerts' times are shown in")
    alerts: dict[AlertKind, list[Channel]] = Field(
        default_factory=dict,
        description="Per kind of alert, the channels it goes to; a kind left out goes to every active channel")

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        return validation.time_zone(value)

    @field_validator("alerts")
    @classmethod
    def _choosable(cls, alerts: dict[AlertKind, list[Channel]]) -> dict[AlertKind, list[Channel]]:
        if AlertKind.CHANNEL in alerts:
            raise ValueError("notices about your channels always go to the in-platform inbox")
        if Channel.IN_PLATFORM in alerts.get(AlertKind.CHAT, []):
            raise ValueError("unread chat messages are forwarded to email or discord; "
                             "in the platform the chat itself shows them")
        return {kind: sorted(set(channels)) for kind, channels in alerts.items()}


class EmailChannelIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"address": "ada@example.com"}]})

    address: str = Field(max_length=254)

    @field_validator("address")
    @classmethod
    def _address(cls, value: str) -> str:
        return validation.email_address(value)


class DiscordChannelIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"webhook_url": "https://discord.com/api/webhooks/123456789012345678/abcDEF-token"},
        {"user_id": "123456789012345678"}]})

    webhook_url: str | None = Field(default=None, max_length=500,
                                    description="https://discord.com/api/webhooks/<id>/<token>")
    user_id: str | None = Field(default=None, max_length=40, description=(
        "Instead of a webhook: your Discord user id, where the marketplace runs a bot webhook; alerts are "
        "posted there mentioning you"))

    @model_validator(mode="after")
    def _one_way(self) -> "DiscordChannelIn":
        if (self.webhook_url is None) == (self.user_id is None):
            raise ValueError("give either webhook_url or user_id")
        return self


class ChannelOut(BaseModel):
    channel: Channel
    address: str = Field(description="The email address, the Discord webhook with its token shortened, or the "
                                     "Discord user id mentioned in the marketplace's bot webhook")
    through_marketplace_bot: bool = Field(description="Discord by user id, through the marketplace's bot webhook")
    active: bool
    disabled_reason: str | None
    updated_at: datetime

    @classmethod
    def of(cls, row: UserChannel) -> "ChannelOut":
        address = row.address
        if row.channel == Channel.DISCORD and not row.through_marketplace_bot:
            address = masked_webhook(address)
        return cls(channel=Channel(row.channel), address=address, through_marketplace_bot=row.through_marketplace_bot,
                   active=row.active, disabled_reason=row.disabled_reason, updated_at=row.updated_at)


def masked_webhook(url: str) -> str:
    """The token is a secret that lets anyone post to the channel: never echo it whole."""
    head, _, token = url.rpartition("/")
    return f"{head}/{token[:4]}…{token[-4:]}"


class PreferencesOut(BaseModel):
    timezone: str
    choices: dict[AlertKind, list[Channel]] = Field(description="What the user chose per kind of alert")
    alerts: dict[AlertKind, list[Channel]] = Field(description="Where each kind of alert goes now, given the active "
                                                               "channels")
    channels: list[ChannelOut]
