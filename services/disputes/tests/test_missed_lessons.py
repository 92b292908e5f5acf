"""A missed lesson settled by booking's missed-lesson flow closes its report (MS-2, MS-3): resolved
with the miss's ending, its pending proposal lapsed, its DS-5 clock stopped, both parties marked
(DS-2: it ended in something other than a reschedule), once however often the settlement comes. A
staff decision made first is final (DS-3): the settlement then changes nothing."""

import pytest

from . import booking_events
from .desk import problem

RESOLVED = "disputes.report_resolved.v1"


async def missed(desk, student, provider, **proposal) -> tuple[dict, object]:
    lesson = await desk.lesson(student, provider)
    return await desk.filed(lesson, student, kind="provider_absent", **proposal), lesson


@pytest.mark.rule("MS-2")
@pytest.mark.rule("DS-2")
async def test_the_providers_promo_code_resolves_the_open_report_and_marks_both_parties(desk):
    student, provider = desk.student(), desk.provider()
    report, lesson = await missed(desk, student, provider, resolution="full_refund_to_student")
    await desk.others.publish(booking_events.miss_resolved(lesson, report["id"], "promo_code", "provider"))

    body = (await desk.read(report["id"], student)).json()
    assert (body["status"], body["resolution"], body["refund"]) == ("resolved", "provider_resolved_with_promo_code",
                                                                    None)
    assert body["answer_by"] is None and body["proposals"][0]["status"] == "lapsed"
    assert await desk.backstage.unanswered_timer(report["id"]) is None
    [event] = await desk.backstage.announced(RESOLVED, report["id"])
    assert (event["resolution"], event["decided_by"], event["refund_minor"]) == (
        "provider_resolved_with_promo_code", "provider", None)
    for party in (student, provider):
        marks = (await desk.marks(party)).json()
        assert (marks["count"], marks["marks"][0]["resolution"]) == (1, "provider_resolved_with_promo_code")
    problem(await desk.answer(body, provider, "accept"), 409, "proposal-not-pending")
    problem(await desk.report(lesson, student, kind="provider_absent"), 409, "lesson-settled")


@pytest.mark.rule("MS-2")
async def test_a_credit_refund_staff_made_for_the_provider_resolves_it_as_decided_by_staff(desk):
    student, provider = desk.student(), desk.provider()
    report, lesson = await missed(desk, student, provider)
    await desk.others.publish(booking_events.miss_resolved(lesson, report["id"], "credit_refund", "staff"))

    body = (await desk.read(report["id"], provider)).json()
    assert (body["status"], body["resolution"], body["refund"]) == (
        "resolved", "provider_refunded_credits", {"amount_minor": 5000, "currency": "EUR"})
    [event] = await desk.backstage.announced(RESOLVED, report["id"])
    assert (event["decided_by"], event["refund_minor"], event["currency"]) == ("staff", 5000, "EUR")


@pytest.mark.rule("MS-3")
@pytest.mark.rule("DS-2")
async def test_the_platforms_refund_closes_an_escalated_report_staff_have_not_decided(desk):
    student, provider = desk.student(), desk.provider()
    report, lesson = await missed(desk, student, provider)
    assert (await desk.escalate(report["id"], provider)).status_code == 200
    staff = desk.staff()
    await desk.others.publish(booking_events.miss_resolved(lesson, report["id"], "platform_refund", "platform"))

    body = (await desk.read(report["id"], staff)).json()
    assert (body["status"], body["resolution"], body["refund"]["amount_minor"]) == ("resolved", "platform_refunded",
                                                                                   5000)
    assert (body["dispute"]["decided_at"], body["dispute"]["closed_by"]) == (None, "platform")
    assert body["dispute"]["closed_at"] is not None
    [event] = await desk.backstage.announced(RESOLVED, report["id"])
    assert (event["resolution"], event["decided_by"]) == ("platform_refunded", "platform")
    waiting = (await desk.api.get("/v1/disputes", params={"decided": False}, headers=staff.headers)).json()
    assert waiting["items"] == []  # out of staff's queue
    problem(await desk.decide(report["id"], staff, 0), 409, "report-not-escalated")
    assert [(await desk.marks(p)).json()["count"] for p in (student, provider)] == [1, 1]


@pytest.mark.rule("DS-3")
@pytest.mark.rule("MS-3")
async def test_a_staff_decision_made_first_is_final_and_the_settlement_changes_nothing(desk):
    student, provider = desk.student(), desk.provider()
    report, lesson = await missed(desk, student, provider)
    await desk.escalate(report["id"], provider)
    assert (await desk.decide(report["id"], desk.staff(), 2000)).status_code == 200
    await desk.others.publish(booking_events.miss_resolved(lesson, report["id"], "platform_refund", "platform"))

    body = (await desk.read(report["id"], student)).json()
    assert (body["status"], body["resolution"], body["refund"]["amount_minor"]) == ("decided", "split", 2000)
    assert body["dispute"]["closed_by"] is None
    [event] = await desk.backstage.announced(RESOLVED, report["id"])
    assert event["decided_by"] == "staff"


@pytest.mark.rule("MS-2")
@pytest.mark.rule("MS-3")
async def test_a_settlement_delivered_twice_or_announced_again_closes_the_report_once(desk):
    student, provider = desk.student(), desk.provider()
    report, lesson = await missed(desk, student, provider)
    settled = booking_events.miss_resolved(lesson, report["id"], "platform_refund", "platform")
    first = await desk.others.publish(settled)
    await desk.others.publish(settled, envelope=first, wait=False)  # the broker delivers it again
    await desk.others.handled(first, deliveries=2)
    await desk.others.publish(settled)  # booking announces it again under a new event id

    assert len(await desk.backstage.announced(RESOLVED, report["id"])) == 1
    assert (await desk.read(report["id"], student)).json()["status"] == "resolved"
    assert [(await desk.marks(p)).json()["count"] for p in (student, provider)] == [1, 1]


async def test_a_settlement_of_a_report_unknown_here_is_ignored(desk):
    student, provider = desk.student(), desk.provider()
    report, lesson = await missed(desk, student, provider)
    await desk.others.publish(booking_events.miss_resolved(lesson, "no-such-report", "credit_refund"))
    other_lesson = await desk.lesson(student, provider)  # the right report id with another booking's id
    await desk.others.publish(booking_events.miss_resolved(other_lesson, report["id"], "credit_refund"))
    assert (await desk.read(report["id"], student)).json()["status"] == "open"
    assert await desk.backstage.announced(RESOLVED, report["id"]) == []
