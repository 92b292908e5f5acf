"""Who reads a thread: its student and its provider (staff in a dispute: disputes.py). Another's thread is "not found",
so a thread id reveals nothing about whether it exists (PL-2)."""

from sqlalchemy import ColumnElement
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from notifications.chat.models import ChatThread
from shared.auth import Identity, Role
from shared.errors import NotFound


def party_of(identity: Identity) -> list[ColumnElement[bool]]:
    own_side = ChatThread.student_id if identity.role is Role.STUDENT else ChatThread.provider_id
    return [ChatThread.marketplace_id == identity.marketplace_id, own_side == identity.user_id]


async def visible_thread(session: AsyncSession, identity: Identity, thread_id: str) -> ChatThread:
    thread = (await session.exec(select(ChatThread).where(ChatThread.id == thread_id, *party_of(identity)))).first()
    if thread is None:
        raise NotFound(f"No chat '{thread_id}' of yours.", slug="chat-not-found")
    return thread


def counterpart_of(thread: ChatThread, identity: Identity) -> str:
    return thread.provider_id if identity.role is Role.STUDENT else thread.student_id
