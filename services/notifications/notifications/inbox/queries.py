"""A user's own inbox: nobody reads or moves another user's items (theirs is a 404)."""

from datetime import datetime

from sqlalchemy import func, tuple_
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from notifications.alerts.models import Alert
from notifications.inbox.models import InboxItem
from notifications.inbox.states import InboxState
from shared.auth import Identity
from shared.errors import NotFound


def _own(identity: Identity):
    return InboxItem.marketplace_id == identity.marketplace_id, InboxItem.user_id == identity.user_id


async def inbox_page(session: AsyncSession, identity: Identity, state: InboxState | None,
                     before: tuple[datetime, str] | None, limit: int) -> list[tuple[InboxItem, Alert]]:
    query = select(InboxItem, Alert).join(Alert, Alert.id == InboxItem.alert_id).where(*_own(identity))
    # Without a state: what is not archived, as an inbox shows it.
    query = query.where(InboxItem.state == state if state else InboxItem.state != InboxState.ARCHIVED)
    if before is not None:
        query = query.where(tuple_(InboxItem.created_at, InboxItem.id) < before)
    query = query.order_by(InboxItem.created_at.desc(), InboxItem.id.desc()).limit(limit + 1)
    return [(item, alert) for item, alert in await session.exec(query)]


async def own_item(session: AsyncSession, identity: Identity, item_id: str) -> tuple[InboxItem, Alert]:
    row = (await session.exec(select(InboxItem, Alert).join(Alert, Alert.id == InboxItem.alert_id)
                              .where(InboxItem.id == item_id, *_own(identity)).with_for_update(of=InboxItem))).first()
    if row is None:
        raise NotFound(f"No inbox item '{item_id}' of yours.", slug="inbox-item-not-found")
    return row


async def unread_items(session: AsyncSession, identity: Identity) -> list[InboxItem]:
    return list(await session.exec(select(InboxItem).where(
        *_own(identity), InboxItem.state == InboxState.UNREAD).with_for_update()))


async def unread_count(session: AsyncSession, identity: Identity) -> int:
    return (await session.exec(select(func.count()).select_from(InboxItem).where(
        *_own(identity), InboxItem.state == InboxState.UNREAD))).one()
