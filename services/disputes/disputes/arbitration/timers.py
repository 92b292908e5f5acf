"""DS-5: the unanswered report's timer escalates it, unless the parties moved on meanwhile."""

from disputes.arbitration.escalation import escalate
from disputes.clock import utcnow
from disputes.reports.access import report_of_timer
from disputes.reports.deadlines import UNANSWERED
from disputes.reports.lifecycle import Step, can
from shared.timers import Timer, TimerRegistry
from shared.unit_of_work import UnitOfWork

timers = TimerRegistry()


@timers.on(UNANSWERED)
async def unanswered(timer: Timer, uow: UnitOfWork) -> None:
    report = await report_of_timer(uow.session, timer.marketplace, timer.key)
    if report is None or not can(report.report_status, Step.ESCALATE):
        return
    if report.answer_by is not None and report.answer_by <= utcnow():  # else a step just moved the deadline
        await escalate(uow, report, party=None)
