"""Writing to a thread, reading it newest first, and marking what the caller has read."""

from datetime import datetime

from sqlalchemy import tuple_, update
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from notifications.chat.access import counterpart_of
from notifications.chat.models import ChatMessage, ChatThread
from notifications.clock import utcnow
from notifications.forwarding.scheduling import forward_if_unread_later
from shared.auth import Identity
from shared.errors import NotFound
from shared.events import ChatMessageSent
from shared.unit_of_work import UnitOfWork


async def send_message(uow: UnitOfWork, identity: Identity, thread: ChatThread, body: str) -> ChatMessage:
    message = ChatMessage(marketplace_id=thread.marketplace_id, thread_id=thread.id, sender_id=identity.user_id,
                          sender_role=identity.role.value, recipient_id=counterpart_of(thread, identity), body=body)
    thread.last_message_at = message.sent_at
    uow.session.add_all([message, thread])
    uow.emit(ChatMessageSent(
        thread_id=thread.id, message_id=message.id, sender_id=message.sender_id, sender_role=message.sender_role,
        recipient_id=message.recipient_id, student_id=thread.student_id, provider_id=thread.provider_id,
        sent_at=message.sent_at), marketplace=thread.marketplace_id, subject=f"chat/{thread.id}")
    await forward_if_unread_later(uow, message)
    return message


async def messages_of(session: AsyncSession, thread: ChatThread, before: tuple[datetime, str] | None,
                      limit: int) -> list[ChatMessage]:
    query = select(ChatMessage).where(ChatMessage.thread_id == thread.id)
    if before is not None:
        query = query.where(tuple_(ChatMessage.sent_at, ChatMessage.id) < before)
    return list(await session.exec(query.order_by(ChatMessage.sent_at.desc(), ChatMessage.id.desc()).limit(limit + 1)))


async def mark_read(session: AsyncSession, identity: Identity, thread: ChatThread, up_to: str | None) -> int:
    """Mark the messages to the caller read, all of them or up to (and with) message `up_to`."""
    query = update(ChatMessage).where(ChatMessage.thread_id == thread.id, ChatMessage.recipient_id == identity.user_id,
                                      ChatMessage.read_at.is_(None))
    if up_to is not None:
        last = (await session.exec(select(ChatMessage).where(
            ChatMessage.id == up_to, ChatMessage.thread_id == thread.id))).first()
        if last is None:
            raise NotFound(f"No message '{up_to}' in this chat.", slug="message-not-found")
        query = query.where(tuple_(ChatMessage.sent_at, ChatMessage.id) <= (last.sent_at, last.id))
    # The forwarding timers of these messages stay; each checks read_at when it fires (forwarding/).
    return (await session.exec(query.values(read_at=utcnow()))).rowcount
