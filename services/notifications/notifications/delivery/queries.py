"""The marketplace's deliveries, for its staff: newest first, by status, channel or user."""

from datetime import datetime

from sqlalchemy import tuple_
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from notifications.alerts.models import Alert
from notifications.delivery.models import Delivery
from shared.errors import NotFound


async def deliveries(session: AsyncSession, marketplace_id: str, status: str | None, channel: str | None,
                     user_id: str | None, before: tuple[datetime, str] | None,
                     limit: int) -> list[tuple[Delivery, Alert]]:
    query = (select(Delivery, Alert).join(Alert, Alert.id == Delivery.alert_id)
             .where(Delivery.marketplace_id == marketplace_id))
    for column, value in ((Delivery.status, status), (Delivery.channel, channel), (Delivery.user_id, user_id)):
        if value is not None:
            query = query.where(column == value)
    if before is not None:
        query = query.where(tuple_(Delivery.created_at, Delivery.id) < before)
    query = query.order_by(Delivery.created_at.desc(), Delivery.id.desc()).limit(limit + 1)
    return [(d, a) for d, a in await session.exec(query)]


async def delivery_of(session: AsyncSession, marketplace_id: str, delivery_id: str,
                      for_update: bool = False) -> tuple[Delivery, Alert]:
    query = (select(Delivery, Alert).join(Alert, Alert.id == Delivery.alert_id)
             .where(Delivery.id == delivery_id, Delivery.marketplace_id == marketplace_id))
    row = (await session.exec(query.with_for_update(of=Delivery) if for_update else query)).first()
    if row is None:
        raise NotFound(f"No delivery '{delivery_id}' in your marketplace.", slug="delivery-not-found")
    return row
