"""Each attempt is a timer of its own, keyed as delivery/scheduling.py explains."""

from datetime import datetime

from notifications.clock import utcnow
from notifications.delivery.models import DeliveryStatus
from notifications.webhooks.models import WebhookDelivery
from shared.unit_of_work import UnitOfWork

WEBHOOK_ATTEMPT = "webhook.attempt"


async def schedule_webhook_attempt(uow: UnitOfWork, delivery: WebhookDelivery, at: datetime) -> None:
    delivery.status, delivery.next_attempt_at, delivery.updated_at = DeliveryStatus.PENDING.value, at, utcnow()
    uow.session.add(delivery)
    await uow.schedule(WEBHOOK_ATTEMPT, f"{delivery.id}/{delivery.attempts}@{at.isoformat()}", at,
                       {"delivery_id": delivery.id}, marketplace=delivery.marketplace_id)
