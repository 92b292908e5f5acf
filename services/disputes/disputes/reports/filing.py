"""A party files a report on their lesson (MS-1), with the resolution they propose, if any (DS-1).
The lesson row is locked, so two reports filed at once are decided one after the other: the second
sees the first and is refused; the partial unique index on reports backs it in the database."""

from dataclasses import dataclass, field

from disputes.clock import utcnow
from disputes.contacts.rule import contacted_after_start
from disputes.lessons.access import LessonNotFound
from disputes.lessons.parties import party_role
from disputes.proposals.models import Proposal
from disputes.proposals.proposing import offer
from disputes.reports import events, store
from disputes.reports.deadlines import await_answer
from disputes.reports.eligibility import check_may_report
from disputes.reports.models import Report
from disputes.reports.schemas import ReportIn
from shared.auth import Identity
from shared.database import driver_connection
from shared.unit_of_work import UnitOfWork


@dataclass
class FiledReport:
    """The new report and what its answer shows: no dispute yet, its proposal if it came with one."""

    report: Report
    student_contacted_provider: bool
    proposals: list[Proposal] = field(default_factory=list)


async def file_report(uow: UnitOfWork, reporter: Identity, request: ReportIn) -> FiledReport:
    conn = await driver_connection(uow.session)
    found = await store.lesson_to_report(conn, reporter.marketplace_id, request.booking_id)
    if found is None or party_role(found.lesson, reporter) is None:
        # Also when booking's event has not arrived yet: the caller can try again in a moment.
        raise LessonNotFound(f"No lesson '{request.booking_id}' of yours.")
    lesson, now = found.lesson, utcnow()
    check_may_report(lesson, found.earlier, now)
    report = Report(
        marketplace_id=lesson.marketplace_id, booking_id=lesson.booking_id, student_id=lesson.student_id,
        provider_id=lesson.provider_id, reporter_id=reporter.user_id, reporter_role=reporter.role.value,
        kind=request.kind.value, details=request.details, reported_at=now, updated_at=now)
    await await_answer(uow, report, now)
    await store.insert_report(conn, report)
    uow.emit(events.problem_reported(report), marketplace=report.marketplace_id, subject=report.subject)
    filed = FiledReport(report, contacted_after_start(lesson.starts_at, found.student_last_wrote_at))
    if request.proposal is not None:
        filed.proposals.append(await offer(uow, report, lesson, reporter, request.proposal, at=now))
    return filed
