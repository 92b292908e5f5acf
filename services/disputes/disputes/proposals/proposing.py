"""A party proposes a resolution of an open report; the other party has 7 days to answer (DS-5)."""

from datetime import datetime

from disputes.clock import utcnow
from disputes.lessons.access import lesson_of
from disputes.lessons.models import Lesson
from disputes.proposals import events
from disputes.proposals.access import pending_proposal
from disputes.proposals.models import Proposal
from disputes.proposals.resolutions import refund_for
from disputes.proposals.schemas import ProposalIn
from disputes.proposals.store import insert_proposal
from disputes.reports.deadlines import await_answer
from disputes.reports.lifecycle import Step, next_status
from disputes.reports.models import Report
from shared.auth import Identity
from shared.database import driver_connection
from shared.errors import Conflict
from shared.unit_of_work import UnitOfWork


class ProposalPending(Conflict):
    slug = "proposal-pending"


async def propose(uow: UnitOfWork, report: Report, proposer: Identity, request: ProposalIn) -> Proposal:
    """On a report filed earlier, which the caller holds locked in the session."""
    next_status(report.report_status, Step.PROPOSE)
    if (pending := await pending_proposal(uow.session, report)) is not None:
        raise ProposalPending("A proposal on this report awaits its answer; answer it, or wait for the answer.",
                              proposal_id=pending.id)
    lesson = await lesson_of(uow.session, report.marketplace_id, report.booking_id)
    now = utcnow()
    report.updated_at = now
    await await_answer(uow, report, now)
    uow.session.add(report)
    return await offer(uow, report, lesson, proposer, request, now)


async def offer(uow: UnitOfWork, report: Report, lesson: Lesson, proposer: Identity, request: ProposalIn,
                at: datetime) -> Proposal:
    """The proposal written and announced. The report's own step (its new deadline, set before this)
    is the caller's: a report filed with its proposal is written once, with both."""
    refund = refund_for(request.resolution, request.refund_minor, lesson.price_minor)
    proposal = Proposal(
        marketplace_id=report.marketplace_id, report_id=report.id, proposer_id=proposer.user_id,
        proposer_role=proposer.role.value, resolution=request.resolution.value, refund_minor=refund,
        currency=lesson.currency if refund is not None else None, proposed_at=at)
    await insert_proposal(await driver_connection(uow.session), proposal)
    uow.emit(events.proposed(report, proposal), marketplace=report.marketplace_id, subject=report.subject)
    return proposal
