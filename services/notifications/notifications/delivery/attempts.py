"""One attempt of one delivery, fired by its DB timer: any number of schedulers may run, and each
timer row is locked by the one firing it, so an attempt is made once.

The send happens inside the timer's transaction, bounded by `send_timeout_s`: the shared scheduler
gives a handler no point after its commit. The transaction holds only the timer's, the delivery's
and the channel's rows, and a crash mid-send rolls back to a retry (at least once, NT-5).
"""

from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import select

from notifications import config
from notifications.alerts.models import Alert
from notifications.clock import utcnow
from notifications.delivery.dead_webhooks import disable_dead_webhook
from notifications.delivery.discord import post_to_discord, shortened
from notifications.delivery.discord_message import discord_payload
from notifications.delivery.email import send_email
from notifications.delivery.email_message import email_message
from notifications.delivery.models import Delivery, DeliveryStatus
from notifications.delivery.outcomes import Gone, Outcome
from notifications.delivery.policy import after
from notifications.delivery.scheduling import ATTEMPT, schedule_attempt
from notifications.marketplaces.discord import REMOVED, bot_of, disable_dead_bot
from notifications.marketplaces.discord_models import MarketplaceDiscord
from notifications.preferences.kinds import Channel
from notifications.preferences.models import UserChannel
from notifications.preferences.store import channel_of
from shared.timers import Timer, TimerRegistry
from shared.unit_of_work import UnitOfWork

timers = TimerRegistry()


@dataclass
class Target:
    """Where an attempt posts and whose rate limit and death it shares: the user's own channel, or
    for a Discord user id the marketplace's bot webhook."""

    url: str
    limited: UserChannel | MarketplaceDiscord
    mention: str | None = None  # the Discord user id posted through the marketplace's bot


@timers.on(ATTEMPT)
async def attempt_delivery(timer: Timer, uow: UnitOfWork) -> None:
    delivery = (await uow.session.exec(select(Delivery).where(
        Delivery.id == timer.payload["delivery_id"], Delivery.marketplace_id == timer.marketplace,
    ).with_for_update())).first()
    if delivery is None or delivery.status != DeliveryStatus.PENDING:
        return  # sent, failed or cancelled meanwhile
    # The bot webhook, when it is the way, is locked before the user's channel, as staff's changes lock them.
    bot = await bot_of(uow.session, delivery.marketplace_id, for_update=True) if await _through_bot(
        uow, delivery) else None
    channel = await channel_of(uow.session, delivery.marketplace_id, delivery.user_id, Channel(delivery.channel),
                               for_update=True)
    if channel is None or not channel.active:
        _close(delivery, DeliveryStatus.CANCELLED,
               channel.disabled_reason if channel else f"The user removed their {delivery.channel} channel.")
        return
    if channel.through_marketplace_bot and (bot is None or not bot.active):
        _close(delivery, DeliveryStatus.CANCELLED, bot.disabled_reason if bot else REMOVED)
        return
    target = (Target(bot.webhook_url, bot, channel.address) if channel.through_marketplace_bot
              else Target(channel.address, channel))
    if target.limited.rate_limited_until and target.limited.rate_limited_until > timer.due_at:
        # Discord asked to leave this webhook alone until then: wait, without spending an attempt.
        # (Compared with the timer's own due time, not the clock: the new timer must be a later one.)
        await schedule_attempt(uow, delivery, target.limited.rate_limited_until)
        return
    delivery.attempts += 1
    outcome = await _send(delivery, channel, target, await uow.session.get(Alert, delivery.alert_id))
    await _record(uow, delivery, target, outcome)


async def _through_bot(uow: UnitOfWork, delivery: Delivery) -> bool:
    if delivery.channel != Channel.DISCORD:
        return False
    return bool((await uow.session.exec(select(UserChannel.through_marketplace_bot).where(
        UserChannel.marketplace_id == delivery.marketplace_id, UserChannel.user_id == delivery.user_id,
        UserChannel.channel == Channel.DISCORD))).first())


async def _send(delivery: Delivery, channel: UserChannel, target: Target, alert: Alert) -> Outcome:
    settings = config.settings()
    if delivery.channel == Channel.EMAIL:
        delivery.destination = channel.address
        return await send_email(email_message(alert, channel.address, settings.email_from, delivery.id), settings)
    delivery.destination = shortened(target.url) + (f" as <@{target.mention}>" if target.mention else "")
    return await post_to_discord(target.url, discord_payload(alert, target.mention), settings.send_timeout_s)


async def _record(uow: UnitOfWork, delivery: Delivery, target: Target, outcome: Outcome) -> None:
    now = utcnow()
    if outcome.pause_s:
        target.limited.rate_limited_until = now + timedelta(seconds=outcome.pause_s)
        uow.session.add(target.limited)
    if isinstance(outcome, Gone):
        if isinstance(target.limited, MarketplaceDiscord):
            await disable_dead_bot(uow, target.limited)
        else:
            await disable_dead_webhook(uow, target.limited)
    step = after(outcome, delivery.attempts, config.settings().delivery_retry_delays_s)
    delivery.last_error = step.error or delivery.last_error  # a success keeps what it overcame
    if step.status is DeliveryStatus.PENDING:
        await schedule_attempt(uow, delivery, now + timedelta(seconds=step.retry_in_s))
    else:
        _close(delivery, step.status, step.error)


def _close(delivery: Delivery, status: DeliveryStatus, error: str | None) -> None:
    now = utcnow()
    delivery.status, delivery.updated_at = status.value, now
    delivery.next_attempt_at = None
    if status is DeliveryStatus.SENT:
        delivery.sent_at = now
    else:
        delivery.last_error = error
