"""A Discord webhook that answers 404 is gone: posting again can't succeed, so the channel is
disabled and the user told in the platform, the one channel that surely still reaches them."""

from functools import partial

from notifications.alerts.raising import raise_alert
from notifications.alerts.templates.notices import discord_webhook_disabled
from notifications.clock import utcnow
from notifications.preferences.models import UserChannel
from shared.unit_of_work import UnitOfWork

REASON = "Discord says this webhook no longer exists (404 Unknown Webhook); give a new webhook URL."


async def disable_dead_webhook(uow: UnitOfWork, channel: UserChannel) -> None:
    now = utcnow()
    channel.active, channel.disabled_reason, channel.updated_at = False, REASON, now
    uow.session.add(channel)
    # One notice per time the channel dies: the user may give a new webhook that dies too.
    occurrence = f"{channel.id}:{now.isoformat()}"
    await raise_alert(uow, channel.marketplace_id, channel.user_id, partial(discord_webhook_disabled, occurrence))
