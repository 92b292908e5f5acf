"""A dispute is visible to whoever sees its report: the lesson's parties and their marketplace's staff."""

from datetime import datetime

from sqlalchemy import tuple_
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from disputes.arbitration.models import Dispute
from disputes.reports.access import visible_report
from disputes.reports.models import Report
from shared.auth import Identity
from shared.errors import NotFound


class DisputeNotFound(NotFound):
    slug = "dispute-not-found"


async def visible_dispute(session: AsyncSession, identity: Identity, report_id: str,
                          for_update: bool = False) -> tuple[Report, Dispute]:
    report = await visible_report(session, identity, report_id, for_update=for_update)
    dispute = await dispute_of(session, report)
    if dispute is None:
        raise DisputeNotFound(f"The report '{report_id}' has not been escalated to staff.")
    return report, dispute


async def dispute_of(session: AsyncSession, report: Report) -> Dispute | None:
    return (await session.exec(select(Dispute).where(
        Dispute.marketplace_id == report.marketplace_id, Dispute.report_id == report.id))).first()


async def marketplace_disputes(session: AsyncSession, marketplace_id: str, decided: bool | None,
                               after: tuple[datetime, str] | None, limit: int) -> list[Dispute]:
    """Oldest first: the queue staff work through."""
    query = select(Dispute).where(Dispute.marketplace_id == marketplace_id)
    if decided is not None:  # undecided: still waiting for staff, not closed by a settled miss
        query = query.where(Dispute.decided_at.is_not(None) if decided
                            else (Dispute.decided_at.is_(None) & Dispute.closed_at.is_(None)))
    if after is not None:
        query = query.where(tuple_(Dispute.escalated_at, Dispute.report_id) > after)
    return list(await session.exec(query.order_by(Dispute.escalated_at, Dispute.report_id).limit(limit + 1)))
