"""A report ends once: by an accepted proposal or a staff decision. Its outcome, the disputed marks
(DS-2) and the event the money follows all commit together."""

from typing import Literal

from disputes.clock import utcnow
from disputes.marks.awarding import award_marks
from disputes.reports import events
from disputes.reports.deadlines import stop_waiting
from disputes.reports.lifecycle import Step, next_status
from disputes.reports.models import Report
from shared.unit_of_work import UnitOfWork


async def close(uow: UnitOfWork, report: Report, step: Literal[Step.ACCEPT, Step.DECIDE], resolution: str,
                refund_minor: int | None, currency: str | None) -> None:
    report.status = next_status(report.report_status, step).value
    report.resolution, report.refund_minor = resolution, refund_minor
    report.currency = currency if refund_minor is not None else None
    report.resolved_at = report.updated_at = utcnow()
    await stop_waiting(uow, report)
    uow.session.add(report)
    await award_marks(uow.session, report)
    decided_by = "staff" if step is Step.DECIDE else "parties"
    uow.emit(events.report_resolved(report, decided_by), marketplace=report.marketplace_id, subject=report.subject)
