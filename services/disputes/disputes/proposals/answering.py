"""The other party answers a proposal (DS-1): acceptance ends the report with the proposal's
resolution, which the money then follows; a rejection leaves the report open for a new proposal
or an escalation, and starts the 7 days again (DS-5)."""

from disputes.clock import utcnow
from disputes.proposals import events
from disputes.proposals.answers import ProposalStatus, check_answerer
from disputes.proposals.models import Proposal
from disputes.reports.closing import close
from disputes.reports.deadlines import await_answer
from disputes.reports.lifecycle import Step, next_status
from disputes.reports.models import Report
from shared.auth import Identity
from shared.unit_of_work import UnitOfWork


def _answer(proposal: Proposal, report: Report, answerer: Identity, step: Step, status: ProposalStatus) -> None:
    check_answerer(proposal.proposer_id, proposal.proposer_role, proposal.status, answerer)
    next_status(report.report_status, step)
    proposal.status, proposal.answered_by, proposal.answered_at = status.value, answerer.user_id, utcnow()


async def accept(uow: UnitOfWork, report: Report, proposal: Proposal, answerer: Identity) -> None:
    _answer(proposal, report, answerer, Step.ACCEPT, ProposalStatus.ACCEPTED)
    uow.session.add(proposal)
    await close(uow, report, Step.ACCEPT, proposal.resolution, proposal.refund_minor, proposal.currency)


async def reject(uow: UnitOfWork, report: Report, proposal: Proposal, answerer: Identity) -> None:
    _answer(proposal, report, answerer, Step.REJECT, ProposalStatus.REJECTED)
    report.updated_at = proposal.answered_at
    await await_answer(uow, report, proposal.answered_at)
    uow.session.add_all([proposal, report])
    uow.emit(events.rejected(report, proposal), marketplace=report.marketplace_id, subject=report.subject)
