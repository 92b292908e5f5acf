"""MS-1's rules without I/O: who is a party, when a lesson may be reported, and when not again."""

from datetime import UTC, datetime, timedelta

import pytest

from disputes.lessons.models import Lesson
from disputes.lessons.parties import counterpart, party_role
from disputes.reports.eligibility import check_may_report, report_window_closes_at
from disputes.reports.models import Report
from disputes.reports.problems import (
    LessonNotReportable,
    LessonNotStarted,
    LessonSettled,
    ReportAlreadyOpen,
    ReportWindowClosed,
)
from shared.auth import Identity, Role

START = datetime(2026, 3, 1, 10, tzinfo=UTC)


def lesson(status: str = "confirmed", window_days: int = 30) -> Lesson:
    return Lesson(marketplace_id="m", booking_id="b", student_id="s", provider_id="p", status=status,
                  starts_at=START, ends_at=START + timedelta(hours=1), report_window_days=window_days)


def earlier(status: str, resolution: str | None = None) -> Report:
    return Report(id="r0", marketplace_id="m", booking_id="b", student_id="s", provider_id="p", reporter_id="s",
                  reporter_role="student", kind="provider_absent", status=status, resolution=resolution)


@pytest.mark.parametrize(("user", "role", "side"), [
    ("s", Role.STUDENT, Role.STUDENT), ("p", Role.PROVIDER, Role.PROVIDER),
    ("s", Role.PROVIDER, None), ("x", Role.STUDENT, None), ("s", Role.STAFF, None),
])
def test_only_the_student_and_the_provider_are_parties(user, role, side):
    assert party_role(lesson(), Identity(user, role, "m")) is side


def test_the_counterpart_is_the_other_side():
    assert (counterpart(lesson(), Role.STUDENT), counterpart(lesson(), Role.PROVIDER)) == ("p", "s")


@pytest.mark.parametrize("now", [START, START + timedelta(days=30, hours=1)])
def test_reportable_from_the_start_to_the_windows_end(now):
    check_may_report(lesson(), [], now)


def test_refused_before_the_start():
    with pytest.raises(LessonNotStarted) as refused:
        check_may_report(lesson(), [], START - timedelta(seconds=1))
    assert refused.value.status == 409 and refused.value.extensions["starts_at"] == START.isoformat()


@pytest.mark.parametrize("days", [30, 7])
def test_the_window_counts_from_the_lessons_end_in_its_own_days(days):
    closes = report_window_closes_at(lesson(window_days=days))
    assert closes == START + timedelta(hours=1, days=days)
    with pytest.raises(ReportWindowClosed):
        check_may_report(lesson(window_days=days), [], closes + timedelta(seconds=1))


@pytest.mark.parametrize("status", ["requested", "declined", "released"])
def test_a_lesson_that_did_not_go_ahead_is_not_reportable(status):
    with pytest.raises(LessonNotReportable):
        check_may_report(lesson(status), [], START + timedelta(hours=2))


@pytest.mark.parametrize("status", ["open", "escalated"])
def test_refused_while_a_report_is_in_progress(status):
    with pytest.raises(ReportAlreadyOpen) as refused:
        check_may_report(lesson(), [earlier(status)], START + timedelta(hours=2))
    assert refused.value.extensions["report_id"] == "r0"


@pytest.mark.parametrize(("status", "resolution"), [("resolved", "split"), ("decided", "full_refund_to_student")])
def test_a_settled_lesson_stays_settled(status, resolution):
    with pytest.raises(LessonSettled):
        check_may_report(lesson(), [earlier(status, resolution)], START + timedelta(hours=2))


def test_a_rescheduled_lesson_can_be_reported_again():
    check_may_report(lesson(), [earlier("resolved", "reschedule")], START + timedelta(hours=2))
