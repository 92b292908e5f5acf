"""A party proposes a resolution of an open report; the other party has 7 days to answer (DS-5)."""

from datetime import datetime

from disputes.clock import utcnow
from disputes.lessons.access import lesson_of
from disputes.proposals import events
from disputes.proposals.access import pending_proposal
from disputes.proposals.models import Proposal
from disputes.proposals.resolutions import refund_for
from disputes.proposals.schemas import ProposalIn
from disputes.reports.deadlines import await_answer
from disputes.reports.lifecycle import Step, next_status
from disputes.reports.models import Report
from shared.auth import Identity
from shared.errors import Conflict
from shared.unit_of_work import UnitOfWork


class ProposalPending(Conflict):
    slug = "proposal-pending"


async def propose(uow: UnitOfWork, report: Report, proposer: Identity, request: ProposalIn,
                  at: datetime | None = None) -> Proposal:
    """`at`: when it was proposed; a report filed with its proposal gives both one time."""
    next_status(report.report_status, Step.PROPOSE)
    if (pending := await pending_proposal(uow.session, report)) is not None:
        raise ProposalPending("A proposal on this report awaits its answer; answer it, or wait for the answer.",
                              proposal_id=pending.id)
    lesson = await lesson_of(uow.session, report.marketplace_id, report.booking_id)
    refund = refund_for(request.resolution, request.refund_minor, lesson.price_minor)
    now = at or utcnow()
    proposal = Proposal(
        marketplace_id=report.marketplace_id, report_id=report.id, proposer_id=proposer.user_id,
        proposer_role=proposer.role.value, resolution=request.resolution.value, refund_minor=refund,
        currency=lesson.currency if refund is not None else None, proposed_at=now)
    report.updated_at = now
    await await_answer(uow, report, now)
    uow.session.add_all([proposal, report])
    uow.emit(events.proposed(report, proposal), marketplace=report.marketplace_id, subject=report.subject)
    return proposal
