"""Chat between a student and a provider; other users see none of it, and staff read (never write)
only the threads whose pair has a report escalated to them (chat/disputes.py)."""

from datetime import datetime

from fastapi import APIRouter, Response

from notifications.chat.access import visible_thread
from notifications.chat.disputes import disputed_thread, disputed_threads
from notifications.chat.messages import mark_read, messages_of, send_message
from notifications.chat.schemas import MessageIn, MessageOut, ReadIn, ThreadIn, ThreadOut
from notifications.chat.threads import open_thread, threads_of, unread_in
from notifications.roles import PartyIdentity, ReaderIdentity
from shared.auth import Role
from shared.http import UoW
from shared.openapi import problem_answers
from shared.pagination import Cursor, Limit, Page, decode_cursor, page

NOT_IN_DISPUTE = (403, "`chat-not-in-dispute`: Staff read a chat only while a report of its parties is "
                       "escalated to them")

router = APIRouter(prefix="/v1/chats", tags=["chat"])


@router.post("", summary="Open (or find) the caller's thread with a provider or student",
             responses=problem_answers((422, "`chat-with-self`: A chat needs two people")))
async def post_thread(body: ThreadIn, party: PartyIdentity, uow: UoW, response: Response) -> ThreadOut:
    thread = await open_thread(uow.session, party, body.counterpart_id)
    await uow.commit()
    response.headers["Location"] = f"/v1/chats/{thread.id}"
    return ThreadOut.of(thread, await unread_in(uow.session, party, thread))


@router.get("", summary="The caller's threads (staff: those in a dispute), latest activity first")
async def get_threads(identity: ReaderIdentity, uow: UoW, limit: Limit = 20,
                      cursor: Cursor = None) -> Page[ThreadOut]:
    before = decode_cursor(cursor, datetime, str) if cursor else None
    if identity.role is Role.STAFF:
        disputed = await disputed_threads(uow.session, identity, before, limit)
        items, next_cursor = page(disputed, limit, lambda row: (row[0].last_message_at, row[0].id))
        return Page(items=[ThreadOut.of(t, 0, reports) for t, reports in items], next_cursor=next_cursor)
    rows = await threads_of(uow.session, identity, before, limit)
    items, next_cursor = page(rows, limit, lambda row: (row[0].last_message_at, row[0].id))
    return Page(items=[ThreadOut.of(t, unread) for t, unread in items], next_cursor=next_cursor)


@router.get("/{thread_id}", summary="One of the caller's threads (staff: one in a dispute)",
            responses=problem_answers(NOT_IN_DISPUTE))
async def get_thread(thread_id: str, identity: ReaderIdentity, uow: UoW) -> ThreadOut:
    if identity.role is Role.STAFF:
        thread, reports = await disputed_thread(uow.session, identity, thread_id)
        return ThreadOut.of(thread, 0, reports)
    thread = await visible_thread(uow.session, identity, thread_id)
    return ThreadOut.of(thread, await unread_in(uow.session, identity, thread))


@router.get("/{thread_id}/messages", summary="The thread's messages, newest first",
            responses=problem_answers(NOT_IN_DISPUTE))
async def get_messages(thread_id: str, identity: ReaderIdentity, uow: UoW, limit: Limit = 50,
                       cursor: Cursor = None) -> Page[MessageOut]:
    if identity.role is Role.STAFF:
        thread, _ = await disputed_thread(uow.session, identity, thread_id)
    else:
        thread = await visible_thread(uow.session, identity, thread_id)
    before = decode_cursor(cursor, datetime, str) if cursor else None
    items, next_cursor = page(await messages_of(uow.session, thread, before, limit), limit,
                              lambda message: (message.sent_at, message.id))
    return Page(items=[MessageOut.of(m) for m in items], next_cursor=next_cursor)


@router.post("/{thread_id}/messages", status_code=201, summary="Write to the other party")
async def post_message(thread_id: str, body: MessageIn, party: PartyIdentity, uow: UoW) -> MessageOut:
    thread = await visible_thread(uow.session, party, thread_id)
    message = await send_message(uow, party, thread, body.body)
    await uow.commit()
    return MessageOut.of(message)


@router.post("/{thread_id}/read", summary="Mark the messages to the caller read (all, or up to one)",
             responses=problem_answers((404, "`message-not-found`: No such message in this chat")))
async def post_read(thread_id: str, body: ReadIn, party: PartyIdentity, uow: UoW) -> dict:
    thread = await visible_thread(uow.session, party, thread_id)
    marked = await mark_read(uow.session, party, thread, body.up_to)
    await uow.commit()
    return {"marked_read": marked}
