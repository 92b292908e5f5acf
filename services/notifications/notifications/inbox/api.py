"""The caller's in-platform inbox, newest first."""

from datetime import datetime

from fastapi import APIRouter

from notifications.clock import utcnow
from notifications.inbox.queries import inbox_page, own_item, unread_count, unread_items
from notifications.inbox.schemas import InboxItemOut, InboxPage, StateChange
from notifications.inbox.states import InboxState, moved
from shared.auth import CurrentIdentity
from shared.http import UoW
from shared.pagination import Cursor, Limit, decode_cursor, page

router = APIRouter(prefix="/v1/inbox", tags=["inbox"])


@router.get("", summary="The caller's alerts, newest first; without `state`, those not archived")
async def get_inbox(identity: CurrentIdentity, uow: UoW, state: InboxState | None = None, limit: Limit = 20,
                    cursor: Cursor = None) -> InboxPage:
    before = decode_cursor(cursor, datetime, str) if cursor else None
    rows = await inbox_page(uow.session, identity, state, before, limit)
    items, next_cursor = page(rows, limit, lambda row: (row[0].created_at, row[0].id))
    return InboxPage(items=[InboxItemOut.of(i, a) for i, a in items], next_cursor=next_cursor,
                     unread=await unread_count(uow.session, identity))


@router.get("/{item_id}", summary="One of the caller's inbox items")
async def get_item(item_id: str, identity: CurrentIdentity, uow: UoW) -> InboxItemOut:
    return InboxItemOut.of(*await own_item(uow.session, identity, item_id))


@router.patch("/{item_id}", summary="Mark an item unread, read or archived")
async def change_state(item_id: str, change: StateChange, identity: CurrentIdentity, uow: UoW) -> InboxItemOut:
    item, alert = await own_item(uow.session, identity, item_id)
    moved(item, change.state, utcnow())
    uow.session.add(item)
    await uow.commit()
    return InboxItemOut.of(item, alert)


@router.post("/read-all", summary="Mark every unread item read")
async def read_all(identity: CurrentIdentity, uow: UoW) -> dict:
    items = await unread_items(uow.session, identity)
    now = utcnow()
    for item in items:
        moved(item, InboxState.READ, now)
        uow.session.add(item)
    await uow.commit()
    return {"marked_read": len(items)}
