from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from disputes.proposals.answers import ProposalStatus
from disputes.proposals.models import Proposal
from disputes.reports.models import Report
from shared.errors import NotFound


class ProposalNotFound(NotFound):
    slug = "proposal-not-found"


async def proposal_of(session: AsyncSession, report: Report, proposal_id: str) -> Proposal:
    proposal = (await session.exec(select(Proposal).where(
        Proposal.id == proposal_id, *_of_report(report)).with_for_update())).first()
    if proposal is None:
        raise ProposalNotFound(f"No proposal '{proposal_id}' on this report.")
    return proposal


async def proposals_of(session: AsyncSession, report: Report) -> list[Proposal]:
    return list(await session.exec(select(Proposal).where(*_of_report(report))
                                   .order_by(Proposal.proposed_at, Proposal.id)))


async def pending_proposal(session: AsyncSession, report: Report) -> Proposal | None:
    return (await session.exec(select(Proposal).where(
        *_of_report(report), Proposal.status == ProposalStatus.PENDING))).first()


def _of_report(report: Report) -> tuple:
    return Proposal.marketplace_id == report.marketplace_id, Proposal.report_id == report.id
