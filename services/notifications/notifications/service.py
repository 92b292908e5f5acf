from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI

from notifications import config
from notifications.alerts import api as alerts_api
from notifications.chat import api as chat_api
from notifications.db import Base
from notifications.delivery import api as deliveries_api
from notifications.delivery.attempts import timers as delivery_timers
from notifications.forwarding.timers import timers as forwarding_timers
from notifications.handling import handlers
from notifications.inbox import api as inbox_api
from notifications.marketplaces import discord_api as marketplace_discord_api
from notifications.preferences import api as preferences_api
from notifications.preferences import channels_api
from notifications.reminders import api as reminders_api
from notifications.reminders.timers import timers as reminder_timers
from notifications.settings import NotificationsSettings
from notifications.staffdesk import api as staff_desk_api
from notifications.stream import api as stream_api
from notifications.webhooks import api as webhooks_api
from notifications.webhooks import log_api as webhook_log_api
from notifications.webhooks.attempts import timers as webhook_timers
from shared.messaging.handlers import HandlerRegistry
from shared.revoked_keys import handlers as revocation_handlers
from shared.service import Service
from shared.timers import TimerRegistry


def combine_timers(*registries: TimerRegistry) -> TimerRegistry:
    combined = TimerRegistry()
    for registry in registries:
        for kind in registry.kinds:
            combined.on(kind)(registry.handler(kind))
    return combined


@asynccontextmanager
async def use_app_settings(app: FastAPI, settings: NotificationsSettings):
    config.install(settings)  # the API's own settings, for the domain code it calls
    yield


service = Service(
    name="notifications",
    settings_cls=NotificationsSettings,
    metadata=Base.metadata,
    migrations_dir=Path(__file__).parent / "migrations",
    # The marketplace's Discord before the user's channels: /v1/channels/{channel} would take its path;
    # the staff desk before /v1/alerts/{alert_id} likewise.
    routers=[preferences_api.router, marketplace_discord_api.router, channels_api.router, inbox_api.router,
             staff_desk_api.router, alerts_api.router, chat_api.router, reminders_api.router, deliveries_api.router,
             webhooks_api.router, webhook_log_api.router, stream_api.router],
    handlers=HandlerRegistry.combine(handlers, revocation_handlers),
    timers=combine_timers(delivery_timers, forwarding_timers, reminder_timers, webhook_timers),
    lifespan=use_app_settings,
    description="Chat, channel preferences, alerts, reminders and deliveries.",
)
