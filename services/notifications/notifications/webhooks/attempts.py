"""One attempt of one partner webhook delivery, fired by its DB timer (as delivery/attempts.py:
the POST is made inside the timer's transaction, bounded by `send_timeout_s`). Each attempt is
signed afresh, so its timestamp is current; the webhook-id stays, for the partner to dedupe."""

from datetime import timedelta

from sqlmodel import select

from notifications import config
from notifications.clock import utcnow
from notifications.delivery.models import DeliveryStatus
from notifications.delivery.outcomes import Gone
from notifications.delivery.policy import after
from notifications.webhooks.models import Endpoint, WebhookDelivery
from notifications.webhooks.scheduling import WEBHOOK_ATTEMPT, schedule_webhook_attempt
from notifications.webhooks.secrets import live_secrets
from notifications.webhooks.sender import post_webhook
from notifications.webhooks.signing import signed_headers
from shared.timers import Timer, TimerRegistry
from shared.unit_of_work import UnitOfWork

timers = TimerRegistry()


@timers.on(WEBHOOK_ATTEMPT)
async def attempt_webhook(timer: Timer, uow: UnitOfWork) -> None:
    row = (await uow.session.exec(select(WebhookDelivery, Endpoint).join(Endpoint).where(
        WebhookDelivery.id == timer.payload["delivery_id"], WebhookDelivery.marketplace_id == timer.marketplace,
    ).with_for_update(of=WebhookDelivery))).first()
    if row is None or row[0].status != DeliveryStatus.PENDING:
        return  # deleted with its endpoint, or sent, failed or replayed meanwhile
    delivery, endpoint = row
    now = utcnow()
    if not endpoint.enabled:
        _close(delivery, DeliveryStatus.CANCELLED, f"endpoint disabled: {endpoint.disabled_reason or 'by the partner'}")
        return
    delivery.attempts += 1
    settings = config.settings()
    headers = signed_headers(live_secrets(endpoint, now), delivery.id, int(now.timestamp()), delivery.body)
    outcome, delivery.last_status_code = await post_webhook(endpoint.url, delivery.body, headers,
                                                            settings.send_timeout_s,
                                                            settings.webhooks_allow_http_localhost)
    if isinstance(outcome, Gone):
        endpoint.enabled, endpoint.disabled_reason, endpoint.updated_at = False, outcome.error, utcnow()
        uow.session.add(endpoint)
    step = after(outcome, delivery.attempts, settings.webhook_retry_delays_s)
    delivery.last_error = step.error or delivery.last_error  # a success keeps what it overcame
    if step.status is DeliveryStatus.PENDING:
        await schedule_webhook_attempt(uow, delivery, utcnow() + timedelta(seconds=step.retry_in_s))
    else:
        _close(delivery, step.status, step.error)


def _close(delivery: WebhookDelivery, status: DeliveryStatus, error: str | None) -> None:
    now = utcnow()
    delivery.status, delivery.updated_at, delivery.next_attempt_at = status.value, now, None
    if status is DeliveryStatus.SENT:
        delivery.sent_at = now
    else:
        delivery.last_error = error
