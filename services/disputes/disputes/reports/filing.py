"""A party files a report on their lesson (MS-1), with the resolution they propose, if any (DS-1).
The lesson row is locked, so two reports filed at once are decided one after the other: the second
sees the first and is refused; the partial unique index on reports backs it in the database."""

from disputes.clock import utcnow
from disputes.lessons.access import party_lesson
from disputes.proposals.proposing import propose
from disputes.reports import events
from disputes.reports.access import reports_of_lesson
from disputes.reports.deadlines import await_answer
from disputes.reports.eligibility import check_may_report
from disputes.reports.models import Report
from disputes.reports.schemas import ReportIn
from shared.auth import Identity
from shared.unit_of_work import UnitOfWork


async def file_report(uow: UnitOfWork, reporter: Identity, request: ReportIn) -> Report:
    lesson = await party_lesson(uow.session, reporter, request.booking_id, for_update=True)
    now = utcnow()
    check_may_report(lesson, await reports_of_lesson(uow.session, lesson), now)
    report = Report(
        marketplace_id=lesson.marketplace_id, booking_id=lesson.booking_id, student_id=lesson.student_id,
        provider_id=lesson.provider_id, reporter_id=reporter.user_id, reporter_role=reporter.role.value,
        kind=request.kind.value, details=request.details, reported_at=now, updated_at=now)
    uow.session.add(report)
    await await_answer(uow, report, now)
    uow.emit(events.problem_reported(report), marketplace=report.marketplace_id, subject=report.subject)
    if request.proposal is not None:
        await propose(uow, report, reporter, request.proposal, at=now)
    return report
