"""Staff in a dispute (DS-3) read the chat of its two parties: from the report's escalation until it
is resolved. Which report opened the thread to them is recorded, and shown to them with it.

Escalation and resolution may arrive in either order (or again): each event fills in its own time,
and a thread is readable while a report of its pair has an escalation and no resolution."""

from datetime import datetime

from sqlalchemy import and_, exists, func, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from notifications.chat.dispute_models import DisputedPair
from notifications.chat.models import ChatThread
from shared.auth import Identity
from shared.errors import Forbidden
from shared.events import Envelope, ReportEscalated, ReportResolved
from shared.messaging.handlers import HandlerRegistry
from shared.unit_of_work import UnitOfWork

handlers = HandlerRegistry()


async def _record(event: Envelope[ReportEscalated] | Envelope[ReportResolved], uow: UnitOfWork, column: str) -> None:
    d = event.data
    await uow.session.exec(insert(DisputedPair).values(
        marketplace_id=event.marketplace, report_id=d.report_id, booking_id=d.booking_id, student_id=d.student_id,
        provider_id=d.provider_id, **{column: event.time},
    ).on_conflict_do_update(index_elements=["marketplace_id", "report_id"], set_={
        column: func.coalesce(getattr(DisputedPair.__table__.c, column), event.time)}))


@handlers.on(ReportEscalated.event_type)
async def escalated(event: Envelope[ReportEscalated], uow: UnitOfWork) -> None:
    await _record(event, uow, "escalated_at")


@handlers.on(ReportResolved.event_type)
async def resolved(event: Envelope[ReportResolved], uow: UnitOfWork) -> None:
    await _record(event, uow, "resolved_at")


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
