"""When a lesson's problem may be reported (MS-1). Pure: the caller passes the lesson, its earlier
reports and the time. That the reporter is one of the lesson's parties is settled before (a
stranger never finds the lesson: reports.filing)."""

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Protocol

from disputes.lessons.models import Lesson
from disputes.lessons.status import STOOD
from disputes.proposals.resolutions import Resolution
from disputes.reports.lifecycle import LIVE, ReportStatus
from disputes.reports.problems import (
    LessonNotReportable,
    LessonNotStarted,
    LessonSettled,
    ReportAlreadyOpen,
    ReportWindowClosed,
)


class EarlierOutcome(Protocol):
    """What the rule reads of an earlier report of the lesson."""

    id: str
    status: str
    resolution: str | None


def report_window_closes_at(lesson: Lesson) -> datetime:
    """The policy's report window counts from the lesson's end (RULES.md, "report window after the lesson")."""
    return lesson.ends_at + timedelta(days=lesson.report_window_days)


def check_may_report(lesson: Lesson, earlier: Sequence[EarlierOutcome], now: datetime) -> None:
    if lesson.lesson_status not in STOOD or lesson.starts_at is None:
        raise LessonNotReportable(lesson.status)
    if now < lesson.starts_at:
        raise LessonNotStarted(lesson.starts_at)
    if now > (closes_at := report_window_closes_at(lesson)):
        raise ReportWindowClosed(closes_at)
    for report in earlier:
        if report.status in LIVE:
            raise ReportAlreadyOpen(report.id)
        # A reschedule moves the lesson rather than settling its money: the moved lesson can be reported.
        if report.status == ReportStatus.DECIDED or report.resolution != Resolution.RESCHEDULE:
            raise LessonSettled(report.id, report.resolution)
