"""MS-1: after a lesson's start either party reports that it did not happen as booked (provider
absent, student absent, technical problem) with details, within the report window; a provider can
declare their own miss. Refused before the start, after the window, to a non-party, and while the
lesson has a report in progress."""

import asyncio
from datetime import datetime, timedelta

import pytest

from . import booking_events
from .desk import problem


@pytest.mark.rule("MS-1")
async def test_the_student_reports_the_provider_absent_and_both_parties_read_it(desk):
    student, provider = desk.student(), desk.provider()
    lesson = await desk.lesson(student, provider)
    report = await desk.filed(lesson, student, details="I waited 20 minutes; nobody joined.")
    assert (report["status"], report["kind"], report["reporter_role"]) == ("open", "provider_absent", "student")
    assert datetime.fromisoformat(report["answer_by"]) == datetime.fromisoformat(report["reported_at"]) + timedelta(
        days=7)
    for party in (student, provider, desk.staff()):
        seen = await desk.read(report["id"], party)
        assert seen.status_code == 200 and seen.json()["details"] == "I waited 20 minutes; nobody joined."
    [event] = await desk.backstage.announced("disputes.problem_reported.v1", report["id"])
    assert event == {"report_id": report["id"], "booking_id": lesson.booking_id, "reporter_id": student.user_id,
                     "reporter_role": "student", "kind": "provider_absent",
                     "details_excerpt": "I waited 20 minutes; nobody joined.", "student_id": student.user_id,
                     "provider_id": provider.user_id, "reported_at": event["reported_at"]}


@pytest.mark.rule("MS-1")
async def test_a_provider_declares_their_own_miss(desk):
    provider = desk.provider()
    lesson = await desk.lesson(provider=provider)
    report = await desk.filed(lesson, provider, kind="provider_absent", details="I was ill and missed it.")
    assert (report["reporter_id"], report["reporter_role"]) == (provider.user_id, "provider")
    [event] = await desk.backstage.announced("disputes.problem_reported.v1", report["id"])
    assert (event["kind"], event["reporter_role"]) == ("provider_absent", "provider")


@pytest.mark.rule("MS-1")
@pytest.mark.parametrize("kind", ["student_absent", "technical_problem"])
async def test_the_other_kinds_of_problem_are_reported_too(desk, kind):
    provider = desk.provider()
    report = await desk.filed(await desk.lesson(provider=provider), provider, kind=kind, details="")
    assert report["kind"] == kind and report["details"] == ""


@pytest.mark.rule("MS-1")
async def test_no_report_before_the_lesson_starts(desk):
    lesson = await desk.lesson(started=-timedelta(hours=3))
    refused = problem(await desk.report(lesson, desk.student()), 409, "lesson-not-started")
    assert datetime.fromisoformat(refused["starts_at"]) == lesson.starts_at


@pytest.mark.rule("MS-1")
async def test_no_report_after_the_report_window(desk):
    inside = await desk.lesson(started=timedelta(days=29))
    assert (await desk.report(inside, desk.student())).status_code == 201
    late = await desk.lesson(started=timedelta(days=31))
    refused = problem(await desk.report(late, desk.student()), 409, "report-window-closed")
    assert datetime.fromisoformat(refused["closed_at"]) == late.ends_at + timedelta(days=30)


@pytest.mark.rule("MS-1")
async def test_only_the_lessons_parties_report_it(desk, new_desk):
    lesson = await desk.lesson()
    problem(await desk.report(lesson, desk.student("someone-else")), 404, "lesson-not-found")
    problem(await desk.report(lesson, desk.provider("another-provider")), 404, "lesson-not-found")
    problem(await desk.report(lesson, desk.staff()), 403, "role-required")
    elsewhere = new_desk()  # the same user ids in another marketplace
    problem(await elsewhere.report(lesson, elsewhere.student()), 404, "lesson-not-found")


@pytest.mark.rule("MS-1")
async def test_one_report_at_a_time_per_lesson(desk):
    student, provider = desk.student(), desk.provider()
    lesson = await desk.lesson(student, provider)
    first = await desk.filed(lesson, student)
    refused = problem(await desk.report(lesson, provider, kind="student_absent"), 409, "report-already-open")
    assert refused["report_id"] == first["id"]


@pytest.mark.rule("MS-1")
async def test_of_reports_filed_at_once_for_one_lesson_exactly_one_is_taken(desk):
    student, provider = desk.student(), desk.provider()
    lesson = await desk.lesson(student, provider)
    answers = await asyncio.gather(*(desk.report(lesson, party) for party in (student, provider) * 3))
    unexpected = [a.text for a in answers if a.status_code not in (201, 409)]
    assert sorted(a.status_code for a in answers) == [201] + [409] * 5, unexpected
    assert {a.json()["type"] for a in answers if a.status_code == 409} == {"/problems/report-already-open"}
    listed = (await desk.api.get("/v1/reports", params={"booking_id": lesson.booking_id},
                                 headers=desk.staff().headers)).json()["items"]
    assert len(listed) == 1


async def test_a_lesson_that_never_went_ahead_is_not_reported(desk):
    lesson = await desk.lesson(confirmed=False)
    problem(await desk.report(lesson, desk.student()), 409, "lesson-not-reportable")
    await desk.others.publish(booking_events.declined(lesson))
    refused = problem(await desk.report(lesson, desk.student()), 409, "lesson-not-reportable")
    assert refused["lesson_status"] == "declined"


async def test_a_bad_report_is_refused_naming_the_field(desk):
    response = await desk.report(await desk.lesson(), desk.student(), kind="teacher_was_rude")
    assert problem(response, 422, "validation-error")["errors"][0]["field"] == "kind"

