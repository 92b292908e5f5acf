"""Opening a thread with the other party and listing the caller's threads by latest activity."""

from datetime import datetime

from sqlalchemy import func, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from notifications.chat.access import party_of
from notifications.chat.models import ChatMessage, ChatThread
from notifications.clock import utcnow
from notifications.ids import new_id
from shared.auth import Identity, Role
from shared.errors import Unprocessable


async def open_thread(session: AsyncSession, identity: Identity, counterpart_id: str) -> ChatThread:
    """The pair's thread, made on first contact; opening it again (from either side) finds the same one."""
    if counterpart_id == identity.user_id:
        raise Unprocessable("You can't open a chat with yourself.", slug="chat-with-self")
    student_id, provider_id = ((identity.user_id, counterpart_id) if identity.role is Role.STUDENT
                               else (counterpart_id, identity.user_id))
    now = utcnow()
    await session.exec(insert(ChatThread).values(
        id=new_id(), marketplace_id=identity.marketplace_id, student_id=student_id, provider_id=provider_id,
        created_at=now, last_message_at=now).on_conflict_do_nothing())
    return (await session.exec(select(ChatThread).where(
        ChatThread.marketplace_id == identity.marketplace_id, ChatThread.student_id == student_id,
        ChatThread.provider_id == provider_id))).one()


async def threads_of(session: AsyncSession, identity: Identity, before: tuple[datetime, str] | None,
                     limit: int) -> list[tuple[ChatThread, int]]:
    """The caller's threads, latest activity first, each with how many messages await the caller."""
    unread = (select(ChatMessage.thread_id, func.count().label("unread"))
              .where(ChatMessage.marketplace_id == identity.marketplace_id,
                     ChatMessage.recipient_id == identity.user_id, ChatMessage.read_at.is_(None))
              .group_by(ChatMessage.thread_id).subquery())
    query = (select(ChatThread, func.coalesce(unread.c.unread, 0))
             .outerjoin(unread, unread.c.thread_id == ChatThread.id).where(*party_of(identity)))
    if before is not None:
        query = query.where(tuple_(ChatThread.last_message_at, ChatThread.id) < before)
    query = query.order_by(ChatThread.last_message_at.desc(), ChatThread.id.desc()).limit(limit + 1)
    return [(thread, count) for thread, count in await session.exec(query)]


async def unread_in(session: AsyncSession, identity: Identity, thread: ChatThread) -> int:
    return (await session.exec(select(func.count()).select_from(ChatMessage).where(
        ChatMessage.thread_id == thread.id, ChatMessage.recipient_id == identity.user_id,
        ChatMessage.read_at.is_(None)))).one()
