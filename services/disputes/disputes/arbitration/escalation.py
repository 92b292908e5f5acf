"""A report goes to staff (DS-3): its pending proposal lapses, the 7-day clock stops, and a
dispute opens. `party` is None when the clock escalated it (DS-5)."""

from disputes.arbitration.models import Dispute
from disputes.arbitration.rules import check_may_escalate
from disputes.clock import utcnow
from disputes.contacts.query import student_contacted_provider
from disputes.lessons.access import lesson_of
from disputes.proposals.lapsing import lapse_pending
from disputes.reports.deadlines import stop_waiting
from disputes.reports.lifecycle import Step, next_status
from disputes.reports.models import Report
from shared.auth import Identity
from shared.events import ReportEscalated
from shared.unit_of_work import UnitOfWork


async def escalate(uow: UnitOfWork, report: Report, party: Identity | None) -> Dispute:
    status = next_status(report.report_status, Step.ESCALATE)
    if party is not None:
        lesson = await lesson_of(uow.session, report.marketplace_id, report.booking_id)
        check_may_escalate(report.kind, party.role, await student_contacted_provider(uow.session, lesson))
    now = utcnow()
    report.status, report.updated_at = status.value, now
    await stop_waiting(uow, report)
    await lapse_pending(uow.session, report)
    dispute = Dispute(report_id=report.id, marketplace_id=report.marketplace_id, booking_id=report.booking_id,
                      reason="party" if party else "unanswered", escalated_by=party.user_id if party else None,
                      escalated_at=now)
    uow.session.add_all([report, dispute])
    uow.emit(ReportEscalated(report_id=report.id, booking_id=report.booking_id, reason=dispute.reason,
                             escalated_by=dispute.escalated_by, student_id=report.student_id,
                             provider_id=report.provider_id),
             marketplace=report.marketplace_id, subject=report.subject)
    return dispute
