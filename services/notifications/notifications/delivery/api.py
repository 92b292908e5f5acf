"""Ops view of the marketplace's deliveries (NT-5): what failed and why, and a replay of it."""

from datetime import datetime

from fastapi import APIRouter

from notifications.clock import utcnow
from notifications.delivery.models import DeliveryStatus
from notifications.delivery.queries import deliveries, delivery_of
from notifications.delivery.scheduling import schedule_attempt
from notifications.delivery.schemas import DeliveryOut
from notifications.preferences.kinds import Channel
from shared.auth import StaffIdentity
from shared.errors import Conflict
from shared.http import UoW
from shared.openapi import problem_answers
from shared.pagination import Cursor, Limit, Page, decode_cursor, page

NOT_REPLAYABLE = (409, "`delivery-not-replayable`: Only a failed or cancelled delivery is replayed")

router = APIRouter(prefix="/v1/deliveries", tags=["deliveries"])


@router.get("", summary="Staff: the marketplace's email and Discord deliveries, newest first")
async def list_deliveries(staff: StaffIdentity, uow: UoW, status: DeliveryStatus | None = None,
                          channel: Channel | None = None, user_id: str | None = None, limit: Limit = 50,
                          cursor: Cursor = None) -> Page[DeliveryOut]:
    before = decode_cursor(cursor, datetime, str) if cursor else None
    rows = await deliveries(uow.session, staff.marketplace_id, status, channel, user_id, before, limit)
    items, next_cursor = page(rows, limit, lambda row: (row[0].created_at, row[0].id))
    return Page(items=[DeliveryOut.of(d, a) for d, a in items], next_cursor=next_cursor)


@router.get("/{delivery_id}", summary="Staff: one delivery, with its attempts and last error")
async def get_delivery(delivery_id: str, staff: StaffIdentity, uow: UoW) -> DeliveryOut:
    return DeliveryOut.of(*await delivery_of(uow.session, staff.marketplace_id, delivery_id))


@router.post("/{delivery_id}/replay", summary="Staff: try a failed or cancelled delivery again, with fresh retries",
             responses=problem_answers(NOT_REPLAYABLE))
async def replay_delivery(delivery_id: str, staff: StaffIdentity, uow: UoW) -> DeliveryOut:
    delivery, alert = await delivery_of(uow.session, staff.marketplace_id, delivery_id, for_update=True)
    if delivery.status not in (DeliveryStatus.FAILED, DeliveryStatus.CANCELLED):
        raise Conflict(f"The delivery is {delivery.status}; only a failed or cancelled one is replayed.",
                       slug="delivery-not-replayable", status_now=delivery.status)
    delivery.attempts = 0
    await schedule_attempt(uow, delivery, utcnow())
    await uow.commit()
    return DeliveryOut.of(delivery, alert)
