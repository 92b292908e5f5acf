"""One attempt of one delivery, fired by its DB timer: any number of schedulers may run, and each
timer row is locked by the one firing it, so an attempt is made once.

The send happens inside the timer's transaction, bounded by `send_timeout_s`: the shared scheduler
gives a handler no point after its commit. The transaction holds only the timer's, the delivery's
and the channel's rows, and a crash mid-send rolls back to a retry (at least once, NT-5).
"""

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
from notifications.preferences.kinds import Channel
from notifications.preferences.models import UserChannel
from notifications.preferences.store import channel_of
from shared.timers import Timer, TimerRegistry
from shared.unit_of_work import UnitOfWork

timers = TimerRegistry()


@timers.on(ATTEMPT)
async def attempt_delivery(timer: Timer, uow: UnitOfWork) -> None:
    delivery = (await uow.session.exec(select(Delivery).where(
        Delivery.id == timer.payload["delivery_id"], Delivery.marketplace_id == timer.marketplace,
    ).with_for_update())).first()
    if delivery is None or delivery.status != DeliveryStatus.PENDING:
        return  # sent, failed or cancelled meanwhile
    channel = await channel_of(uow.session, delivery.marketplace_id, delivery.user_id, Channel(delivery.channel),
                               for_update=True)
    if channel is None or not channel.active:
        _close(delivery, DeliveryStatus.CANCELLED,
               channel.disabled_reason if channel else f"The user removed their {delivery.channel} channel.")
        return
    if channel.rate_limited_until and channel.rate_limited_until > timer.due_at:
        # Discord asked to leave this webhook alone until then: wait, without spending an attempt.
        # (Compared with the timer's own due time, not the clock: the new timer must be a later one.)
        await schedule_attempt(uow, delivery, channel.rate_limited_until)
        return
    delivery.attempts += 1
    outcome = await _send(delivery, channel, await uow.session.get(Alert, delivery.alert_id))
    await _record(uow, delivery, channel, outcome)


async def _send(delivery: Delivery, channel: UserChannel, alert: Alert) -> Outcome:
    settings = config.settings()
    if delivery.channel == Channel.EMAIL:
        delivery.destination = channel.address
        return await send_email(email_message(alert, channel.address, settings.email_from, delivery.id), settings)
    delivery.destination = shortened(channel.address)
    return await post_to_discord(channel.address, discord_payload(alert), settings.send_timeout_s)


async def _record(uow: UnitOfWork, delivery: Delivery, channel: UserChannel, outcome: Outcome) -> None:
    now = utcnow()
    if outcome.pause_s:
        channel.rate_limited_until = now + timedelta(seconds=outcome.pause_s)
        uow.session.add(channel)
    if isinstance(outcome, Gone):
        await disable_dead_webhook(uow, channel)
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
