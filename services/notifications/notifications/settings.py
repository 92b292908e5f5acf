from typing import Literal

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class NotificationsSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="NOTIFICATIONS_", extra="ignore")

    port: int = 8004

    # Email: any SMTP server (a mail catcher in development).
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 1025
    smtp_security: Literal["none", "starttls", "tls"] = "none"
    smtp_username: str | None = None
    smtp_password: str | None = None
    email_from: str = "Lessons <alerts@lessons.invalid>"

    # Discord: the webhook URLs users may give, `<base>/<id>/<token>`. Tests point it at a stand-in.
    discord_webhook_bases: list[str] = [
        "https://discord.com/api/webhooks", "https://discordapp.com/api/webhooks",
        "https://ptb.discord.com/api/webhooks", "https://canary.discord.com/api/webhooks",
    ]

    # NT-5: one retry per entry, then the delivery is recorded as failed.
    delivery_retry_delays_s: list[float] = [10, 60, 300, 1800, 7200]
    # An email or Discord call runs inside the delivery's timer transaction: keep it short.
    send_timeout_s: float = Field(default=10, gt=0, le=60)

    # Policy defaults; a marketplace's registration may override them (see marketplaces/policy.py).
    unread_chat_forward_delay_s: float = Field(default=300, ge=0)
    reminder_offsets_hours: list[float] = [24, 1]

    # NT-6: partner webhooks retry longer than user alerts; partners' backends have outages.
    webhook_retry_delays_s: list[float] = [5, 300, 1800, 7200, 18000, 36000]
    # After a rotation the old secret signs too, this long, so the partner can switch over.
    webhook_secret_overlap_s: float = 24 * 3600
    # Development only: partner endpoints on plain http://localhost.
    webhooks_allow_http_localhost: bool = False

    stream_poll_interval_s: float = Field(default=1.0, gt=0)
    stream_heartbeat_s: float = Field(default=15.0, gt=0)
