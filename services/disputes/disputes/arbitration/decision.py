"""Staff decide a dispute with any split of the lesson's price (DS-3). The decision ends the
report; it is final: the report's state machine refuses every later step, and a new report on the
lesson is refused (reports.eligibility)."""

from disputes.arbitration.models import Dispute
from disputes.arbitration.schemas import DecisionIn
from disputes.clock import utcnow
from disputes.lessons.access import lesson_of
from disputes.proposals.resolutions import resolution_of_refund
from disputes.reports.closing import close
from disputes.reports.lifecycle import Step, next_status
from disputes.reports.models import Report
from shared.auth import Identity
from shared.unit_of_work import UnitOfWork


async def decide(uow: UnitOfWork, report: Report, dispute: Dispute, staff: Identity, request: DecisionIn) -> None:
    next_status(report.report_status, Step.DECIDE)
    lesson = await lesson_of(uow.session, report.marketplace_id, report.booking_id)
    resolution = resolution_of_refund(request.refund_minor, lesson.price_minor)
    dispute.decided_by, dispute.decided_at, dispute.note = staff.user_id, utcnow(), request.note
    uow.session.add(dispute)
    await close(uow, report, Step.DECIDE, resolution.value, request.refund_minor, lesson.currency)
