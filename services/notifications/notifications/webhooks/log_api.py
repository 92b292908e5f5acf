"""The delivery log partners read (NT-6), and a replay of what failed."""

from datetime import datetime

from fastapi import APIRouter
from sqlalchemy import tuple_
from sqlmodel import select

from notifications.clock import utcnow
from notifications.delivery.models import DeliveryStatus
from notifications.webhooks.endpoints import endpoint_of
from notifications.webhooks.models import WebhookDelivery
from notifications.webhooks.scheduling import schedule_webhook_attempt
from notifications.webhooks.schemas import WebhookDeliveryOut
from shared.auth import StaffIdentity
from shared.errors import Conflict, NotFound
from shared.http import UoW
from shared.openapi import problem_answers
from shared.pagination import Cursor, Limit, Page, decode_cursor, page

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"])


@router.get("/{endpoint_id}/deliveries", summary="Staff: the endpoint's delivery log, newest first")
async def delivery_log(endpoint_id: str, staff: StaffIdentity, uow: UoW, status: DeliveryStatus | None = None,
                       limit: Limit = 50, cursor: Cursor = None) -> Page[WebhookDeliveryOut]:
    endpoint = await endpoint_of(uow.session, staff.marketplace_id, endpoint_id)
    query = select(WebhookDelivery).where(WebhookDelivery.endpoint_id == endpoint.id)
    if status is not None:
        query = query.where(WebhookDelivery.status == status)
    if cursor:
        before = decode_cursor(cursor, datetime, str)
        query = query.where(tuple_(WebhookDelivery.created_at, WebhookDelivery.id) < before)
    rows = list(await uow.session.exec(
        query.order_by(WebhookDelivery.created_at.desc(), WebhookDelivery.id.desc()).limit(limit + 1)))
    items, next_cursor = page(rows, limit, lambda d: (d.created_at, d.id))
    return Page(items=[WebhookDeliveryOut.of(d) for d in items], next_cursor=next_cursor)


@router.post("/{endpoint_id}/deliveries/{delivery_id}/replay",
             summary="Staff: send a failed or cancelled delivery again, with fresh retries",
             responses=problem_answers((404, "`webhook-delivery-not-found`: No such delivery of this endpoint"),
                                       (409, "`delivery-not-replayable`: Only a failed or cancelled delivery is "
                                             "replayed")))
async def replay(endpoint_id: str, delivery_id: str, staff: StaffIdentity, uow: UoW) -> WebhookDeliveryOut:
    endpoint = await endpoint_of(uow.session, staff.marketplace_id, endpoint_id)
    delivery = (await uow.session.exec(select(WebhookDelivery).where(
        WebhookDelivery.id == delivery_id, WebhookDelivery.endpoint_id == endpoint.id).with_for_update())).first()
    if delivery is None:
        raise NotFound(f"No delivery '{delivery_id}' of this endpoint.", slug="webhook-delivery-not-found")
    if delivery.status not in (DeliveryStatus.FAILED, DeliveryStatus.CANCELLED):
        raise Conflict(f"The delivery is {delivery.status}; only a failed or cancelled one is replayed.",
                       slug="delivery-not-replayable")
    delivery.attempts = 0
    await schedule_webhook_attempt(uow, delivery, utcnow())
    await uow.commit()
    return WebhookDeliveryOut.of(delivery)
