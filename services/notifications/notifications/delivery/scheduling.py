"""When a delivery is attempted. Each attempt is a timer of its own, keyed by the delivery, the
attempts made and the time it is due: the scheduler removes the timer it fired once its handler
returns, so a handler can't move its own timer, only set one with another key."""

from datetime import datetime

from notifications.clock import utcnow
from notifications.delivery.models import Delivery, DeliveryStatus
from notifications.preferences.kinds import Channel
from shared.unit_of_work import UnitOfWork

ATTEMPT = "delivery.attempt"


async def schedule_attempt(uow: UnitOfWork, delivery: Delivery, at: datetime) -> None:
    delivery.status, delivery.next_attempt_at, delivery.updated_at = DeliveryStatus.PENDING.value, at, utcnow()
    uow.session.add(delivery)
    await uow.schedule(ATTEMPT, f"{delivery.id}/{delivery.attempts}@{at.isoformat()}", at, {"delivery_id": delivery.id},
                       marketplace=delivery.marketplace_id)


async def new_delivery(uow: UnitOfWork, marketplace_id: str, user_id: str, alert_id: str,
                       channel: Channel) -> Delivery:
    delivery = Delivery(marketplace_id=marketplace_id, user_id=user_id, alert_id=alert_id, channel=channel.value)
    await schedule_attempt(uow, delivery, utcnow())
    return delivery
