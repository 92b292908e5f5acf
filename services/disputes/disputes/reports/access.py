"""Which reports a caller may see: the lesson's student and provider theirs, staff all of their
marketplace. Anyone else's report is "not found", never "forbidden" (PL-1, PL-2)."""

from datetime import datetime

from sqlalchemy import ColumnElement, tuple_
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from disputes.reports.models import Report
from disputes.reports.problems import ReportNotFound
from shared.auth import Identity, Role


def visible_to(identity: Identity) -> list[ColumnElement[bool]]:
    conditions = [Report.marketplace_id == identity.marketplace_id]
    if identity.role is Role.STUDENT:
        conditions.append(Report.student_id == identity.user_id)
    elif identity.role is Role.PROVIDER:
        conditions.append(Report.provider_id == identity.user_id)
    return conditions


async def visible_report(session: AsyncSession, identity: Identity, report_id: str,
                         for_update: bool = False) -> Report:
    query = select(Report).where(Report.id == report_id, *visible_to(identity))
    report = (await session.exec(query.with_for_update() if for_update else query)).first()
    if report is None:
        raise ReportNotFound(f"No report '{report_id}' of yours.")
    return report


async def visible_reports(session: AsyncSession, identity: Identity, booking_id: str | None, status: str | None,
                          before: tuple[datetime, str] | None, limit: int) -> list[Report]:
    """Newest first."""
    query = select(Report).where(*visible_to(identity))
    if booking_id:
        query = query.where(Report.booking_id == booking_id)
    if status:
        query = query.where(Report.status == status)
    if before is not None:
        query = query.where(tuple_(Report.reported_at, Report.id) < before)
    return list(await session.exec(query.order_by(Report.reported_at.desc(), Report.id.desc()).limit(limit + 1)))


async def report_of_timer(session: AsyncSession, marketplace_id: str, report_id: str) -> Report | None:
    """Locked without waiting: a request that holds the report next sets or cancels its timer, so a
    timer waiting for it could deadlock with it. Should the report be busy, the lock error makes the
    scheduler try the timer again a few seconds later."""
    return (await session.exec(select(Report).where(
        Report.marketplace_id == marketplace_id, Report.id == report_id).with_for_update(nowait=True))).first()
