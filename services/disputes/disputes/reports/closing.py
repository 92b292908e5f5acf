"""A report ends once: by an accepted proposal, a staff decision, or the missed-lesson flow settling
the lesson (misses/). Its outcome, the disputed marks (DS-2) and the event the money follows all
commit together."""

from typing import Literal

from disputes.clock import utcnow
from disputes.marks.awarding import award_marks
from disputes.reports import events
from disputes.reports.deadlines import stop_waiting
from disputes.reports.lifecycle import Step, next_status
from disputes.reports.models import Report
from shared.unit_of_work import UnitOfWork

# Who ended it, as report_resolved tells: the parties agreeing, staff (a decision, or a miss they
# settled), or the missed-lesson flow's provider or platform.
DecidedBy = Literal["parties", "staff", "provider", "platform"]
_DECIDED_BY: dict[Step, DecidedBy] = {Step.ACCEPT: "parties", Step.DECIDE: "staff"}
EndingStep = Literal[Step.ACCEPT, Step.DECIDE, Step.SETTLE_MISS]


def end(report: Report, step: EndingStep, resolution: str, refund_minor: int | None, currency: str | None) -> None:
    """The report's outcome, on the object only: its status, resolution and money, when."""
    report.status = next_status(report.report_status, step).value
    report.resolution, report.refund_minor = resolution, refund_minor
    report.currency = currency if refund_minor is not None else None
    report.resolved_at = report.updated_at = utcnow()


async def close(uow: UnitOfWork, report: Report, step: Literal[Step.ACCEPT, Step.DECIDE], resolution: str,
                refund_minor: int | None, currency: str | None) -> None:
    """A report the session holds, ended by the parties or by staff (a settled miss: misses.settling)."""
    end(report, step, resolution, refund_minor, currency)
    await stop_waiting(uow, report)
    uow.session.add(report)
    await award_marks(uow.session, report)
    uow.emit(events.report_resolved(report, _DECIDED_BY[step]), marketplace=report.marketplace_id,
             subject=report.subject)
