"""Each attempt is a timer of its own, keyed as delivery/scheduling.py explains."""

from datetime import datetime

from notifications.clock import utcnow
from notifications.delivery.models import DeliveryStatus
from notifications.webhooks.models import WebhookDelivery
from shared.unit_of_work import UnitOfWork

WEBHOOK_ATTEMPT = "webhook.attempt"


def attempt_key(delivery_id: str, attempts: int, at: datetime) -> str:
    return f"{delivery_id}/{attempts}@{at.isoformat()}"


async def schedule_webhook_attempt(uow: UnitOfWork, delivery: WebhookDelivery, at: datetime) -> None:
    delivery.status, delivery.next_attempt_at, delivery.updated_at = DeliveryStatus.PENDING.value, at, utcnow()
    uow.session.add(delivery)
    await uow.schedule(WEBHOOK_ATTEMPT, attempt_key(delivery.id, delivery.attempts, at), at,
                       {"delivery_id": delivery.id}, marketplace=delivery.marketplace_id)
