"""DS-3: either party escalates an unresolved report to a dispute; staff decide it with any split
of the lesson's price; the decision is final: nothing changes the lesson's money after it."""

import pytest

from .desk import problem


async def disputed(desk, student, provider, price_minor: int = 5000) -> tuple[dict, object]:
    lesson = await desk.lesson(student, provider, price_minor=price_minor)
    report = await desk.filed(lesson, provider, kind="student_absent", resolution="full_payment_to_provider")
    escalated = await desk.escalate(report["id"], student)
    assert escalated.status_code == 200, escalated.text
    return escalated.json(), lesson


@pytest.mark.rule("DS-3")
async def test_a_party_escalates_and_the_pending_proposal_lapses(desk):
    student, provider = desk.student(), desk.provider()
    report, _ = await disputed(desk, student, provider)
    assert (report["status"], report["answer_by"]) == ("escalated", None)
    assert report["proposals"][0]["status"] == "lapsed"
    assert (report["dispute"]["reason"], report["dispute"]["escalated_by"]) == ("party", student.user_id)
    [event] = await desk.backstage.announced("disputes.report_escalated.v1", report["id"])
    assert (event["reason"], event["escalated_by"]) == ("party", student.user_id)
    problem(await desk.answer(report, student, "accept"), 409, "proposal-not-pending")
    problem(await desk.propose(report["id"], provider, "reschedule"), 409, "report-not-open")
    queue = (await desk.api.get("/v1/disputes", params={"decided": False}, headers=desk.staff().headers)).json()
    assert [d["report_id"] for d in queue["items"]] == [report["id"]]


@pytest.mark.rule("DS-3")
async def test_staff_decide_any_split_and_the_decision_is_final(desk):
    student, provider = desk.student(), desk.provider()
    report, lesson = await disputed(desk, student, provider, price_minor=5000)
    decided = await desk.decide(report["id"], desk.staff(), 1500, note="Half an hour was taught.")
    assert decided.status_code == 200, decided.text
    body = decided.json()
    assert (body["status"], body["resolution"], body["refund"]["amount_minor"]) == ("decided", "split", 1500)
    assert (body["dispute"]["decided_by"], body["dispute"]["note"]) == ("staff-1", "Half an hour was taught.")
    [event] = await desk.backstage.announced("disputes.report_resolved.v1", report["id"])
    assert (event["decided_by"], event["resolution"], event["refund_minor"]) == ("staff", "split", 1500)
    assert (await desk.marks(student)).json()["count"] == 1

    problem(await desk.decide(report["id"], desk.staff("staff-2"), 5000), 409, "decision-final")
    problem(await desk.escalate(report["id"], provider), 409, "decision-final")
    problem(await desk.report(lesson, student, kind="provider_absent"), 409, "lesson-settled")
    assert len(await desk.backstage.announced("disputes.report_resolved.v1", report["id"])) == 1
    assert (await desk.read(report["id"], student)).json()["refund"]["amount_minor"] == 1500


@pytest.mark.rule("DS-3")
@pytest.mark.parametrize(("refund", "resolution"), [(0, "full_payment_to_provider"), (5000, "full_refund_to_student")])
async def test_the_decisions_resolution_follows_from_its_amount(desk, refund, resolution):
    report, _ = await disputed(desk, desk.student(), desk.provider())
    assert (await desk.decide(report["id"], desk.staff(), refund)).json()["resolution"] == resolution


@pytest.mark.rule("DS-3")
async def test_only_staff_decide_only_escalated_reports_within_the_price(desk):
    student, provider = desk.student(), desk.provider()
    report, _ = await disputed(desk, student, provider)
    problem(await desk.decide(report["id"], student, 0), 403, "role-required")
    problem(await desk.decide(report["id"], desk.staff(), 5001), 422, "invalid-refund")
    open_report = await desk.filed(await desk.lesson(student, provider), student)
    problem(await desk.decide(open_report["id"], desk.staff(), 0), 404, "dispute-not-found")
    assert (await desk.read(report["id"], student)).json()["status"] == "escalated"
