"""A pending proposal nobody answered before the report left the parties' hands: it went to staff
(arbitration.escalation), or the missed-lesson flow settled the lesson (misses/). It lapses; it
can't be accepted any more."""

from sqlalchemy import update
from sqlmodel.ext.asyncio.session import AsyncSession

from disputes.proposals.answers import ProposalStatus
from disputes.proposals.models import Proposal
from disputes.reports.models import Report


async def lapse_pending(session: AsyncSession, report: Report) -> None:
    await session.exec(update(Proposal).where(
        Proposal.marketplace_id == report.marketplace_id, Proposal.report_id == report.id,
        Proposal.status == ProposalStatus.PENDING,
    ).values(status=ProposalStatus.LAPSED))
