"""Staff in a dispute (DS-3) read the chat of its two parties: from the report's escalation until it
is resolved. Which report opened the thread to them is recorded, and shown to them with it.

Escalation and resolution may arrive in either order (or again): each event fills in its own time,
and a thread is readable while a report of its pair has an escalation and no resolution."""

from datetime import datetime

from asyncpg import Connection
from sqlalchemy import and_, exists, tuple_
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from notifications.chat.dispute_models import DisputedPair
from notifications.chat.models import ChatThread
from shared.auth import Identity
from shared.errors import Forbidden
from shared.events import Envelope, ReportEscalated, ReportResolved

# Each event fills in its own time ({column}), the first one told: either may come first, or again.
_RECORD = """
INSERT INTO chat_dispute_openings AS o (marketplace_id, report_id, booking_id, student_id, provider_id, {column})
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (marketplace_id, report_id) DO UPDATE SET {column} = coalesce(o.{column}, excluded.{column})
"""
RECORDED_ON = {ReportEscalated.event_type: _RECORD.format(column="escalated_at"),
               ReportResolved.event_type: _RECORD.format(column="resolved_at")}


async def record_dispute_step(event: Envelope[ReportEscalated] | Envelope[ReportResolved], conn: Connection) -> None:
    """An escalation opens the pair's chat to staff, a resolution closes it (when it is the pair's last)."""
    statement = RECORDED_ON.get(event.type)
    if statement is not None:
        d = event.data
        await conn.execute(statement, event.marketplace, d.report_id, d.booking_id, d.student_id, d.provider_id,
                           event.time)


def _open_reports_of_thread():
    return and_(DisputedPair.marketplace_id == ChatThread.marketplace_id,
                DisputedPair.student_id == ChatThread.student_id, DisputedPair.provider_id == ChatThread.provider_id,
                DisputedPair.escalated_at.is_not(None), DisputedPair.resolved_at.is_(None))


async def disputed_thread(session: AsyncSession, staff: Identity, thread_id: str) -> tuple[ChatThread, list[str]]:
    """The thread, for staff of its marketplace while a report of its pair is escalated, with those
    reports; otherwise the same refusal whether the thread exists or not (PL-2)."""
    thread = (await session.exec(select(ChatThread).where(
        ChatThread.id == thread_id, ChatThread.marketplace_id == staff.marketplace_id))).first()
    reports = await _reports_of(session, thread) if thread else []
    if not reports:
        raise Forbidden("Staff read a chat only while a report between its two parties is escalated to them.",
                        slug="chat-not-in-dispute")
    return thread, reports


async def _reports_of(session: AsyncSession, thread: ChatThread) -> list[str]:
    return list(await session.exec(select(DisputedPair.report_id).where(
        DisputedPair.marketplace_id == thread.marketplace_id, DisputedPair.student_id == thread.student_id,
        DisputedPair.provider_id == thread.provider_id, DisputedPair.escalated_at.is_not(None),
        DisputedPair.resolved_at.is_(None)).order_by(DisputedPair.escalated_at, DisputedPair.report_id)))


async def disputed_threads(session: AsyncSession, staff: Identity, before: tuple[datetime, str] | None,
                           limit: int) -> list[tuple[ChatThread, list[str]]]:
    """The marketplace's threads staff may read now, latest activity first."""
    query = select(ChatThread).where(ChatThread.marketplace_id == staff.marketplace_id,
                                     exists().where(_open_reports_of_thread()))
    if before is not None:
        query = query.where(tuple_(ChatThread.last_message_at, ChatThread.id) < before)
    threads = list(await session.exec(query.order_by(ChatThread.last_message_at.desc(), ChatThread.id.desc())
                                      .limit(limit + 1)))
    return [(thread, await _reports_of(session, thread)) for thread in threads]
