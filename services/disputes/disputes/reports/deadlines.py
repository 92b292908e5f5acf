"""DS-5: a report the parties leave unanswered for 7 days goes to staff. Every step of the parties
(the report itself, a proposal, a rejection) starts the 7 days again; the timer is a database row."""

from datetime import datetime, timedelta

from disputes.reports.models import Report
from shared.unit_of_work import UnitOfWork

UNANSWERED = "disputes.report_unanswered"
ANSWER_WITHIN = timedelta(days=7)


def answer_deadline(step_at: datetime) -> datetime:
    return step_at + ANSWER_WITHIN


async def await_answer(uow: UnitOfWork, report: Report, step_at: datetime) -> None:
    report.answer_by = answer_deadline(step_at)
    await uow.schedule(UNANSWERED, report.id, report.answer_by, marketplace=report.marketplace_id)


async def stop_waiting(uow: UnitOfWork, report: Report) -> None:
    report.answer_by = None
    await uow.cancel_timer(UNANSWERED, report.id)
