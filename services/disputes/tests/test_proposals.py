"""DS-1: a report proposes a resolution (reschedule, full payment to the provider, full refund to
the student, or a split); the other party accepts or rejects it; acceptance carries it out: the
report ends and report_resolved tells booking and the wallet what to do."""

import pytest

from .desk import problem


@pytest.mark.rule("DS-1")
async def test_the_other_party_accepts_a_split_and_the_report_is_resolved_so(desk):
    student, provider = desk.student(), desk.provider()
    lesson = await desk.lesson(student, provider, price_minor=5000)
    report = await desk.filed(lesson, student, kind="technical_problem", resolution="split", refund_minor=2000)
    [proposal] = report["proposals"]
    assert (proposal["status"], proposal["refund"]) == ("pending", {"amount_minor": 2000, "currency": "EUR"})
    accepted = await desk.answer(report, provider, "accept")
    assert accepted.status_code == 200, accepted.text
    body = accepted.json()
    assert (body["status"], body["resolution"], body["refund"]["amount_minor"]) == ("resolved", "split", 2000)
    assert body["proposals"][0]["status"] == "accepted" and body["answer_by"] is None
    [resolved] = await desk.backstage.announced("disputes.report_resolved.v1", report["id"])
    assert resolved == {"report_id": report["id"], "booking_id": lesson.booking_id, "resolution": "split",
                        "refund_minor": 2000, "currency": "EUR", "decided_by": "parties",
                        "student_id": student.user_id, "provider_id": provider.user_id}
    assert await desk.backstage.unanswered_timer(report["id"]) is None


@pytest.mark.rule("DS-1")
@pytest.mark.parametrize(("resolution", "refund"), [("full_refund_to_student", 5000),
                                                    ("full_payment_to_provider", 0), ("reschedule", None)])
async def test_each_resolution_carries_its_money(desk, resolution, refund):
    student, provider = desk.student(), desk.provider()
    report = await desk.filed(await desk.lesson(student, provider), provider, kind="student_absent")
    proposed = await desk.propose(report["id"], provider, resolution)
    assert proposed.status_code == 201, proposed.text
    accepted = (await desk.answer(proposed.json(), student, "accept")).json()
    assert accepted["resolution"] == resolution
    assert (accepted["refund"] or {}).get("amount_minor") == refund
    [event] = await desk.backstage.announced("disputes.report_resolved.v1", report["id"])
    assert (event["resolution"], event["refund_minor"]) == (resolution, refund)


@pytest.mark.rule("DS-1")
async def test_a_rejected_proposal_leaves_the_report_open_for_another(desk):
    student, provider = desk.student(), desk.provider()
    report = await desk.filed(await desk.lesson(student, provider), student, resolution="full_refund_to_student")
    rejected = (await desk.answer(report, provider, "reject")).json()
    assert rejected["status"] == "open" and rejected["proposals"][0]["status"] == "rejected"
    assert [e["rejected_by"] for e in await desk.backstage.announced("disputes.proposal_rejected.v1",
                                                                      report["id"])] == [provider.user_id]
    counter = await desk.propose(report["id"], provider, "split", refund_minor=2500)
    assert counter.status_code == 201
    resolved = (await desk.answer(counter.json(), student, "accept")).json()
    assert (resolved["resolution"], resolved["refund"]["amount_minor"]) == ("split", 2500)
    assert len(await desk.backstage.announced("disputes.resolution_proposed.v1", report["id"])) == 2


@pytest.mark.rule("DS-1")
async def test_only_the_other_party_answers_and_only_once(desk):
    student, provider = desk.student(), desk.provider()
    report = await desk.filed(await desk.lesson(student, provider), student, resolution="full_refund_to_student")
    problem(await desk.answer(report, student, "accept"), 403, "own-proposal")
    problem(await desk.answer(report, desk.staff(), "accept"), 403, "role-required")
    assert (await desk.answer(report, provider, "reject")).status_code == 200
    refused = problem(await desk.answer(report, provider, "accept"), 409, "proposal-not-pending")
    assert refused["proposal_status"] == "rejected"


@pytest.mark.rule("DS-1")
async def test_one_proposal_waits_for_its_answer_at_a_time(desk):
    student, provider = desk.student(), desk.provider()
    report = await desk.filed(await desk.lesson(student, provider), student, resolution="full_refund_to_student")
    refused = problem(await desk.propose(report["id"], provider, "reschedule"), 409, "proposal-pending")
    assert refused["proposal_id"] == report["proposals"][0]["id"]


@pytest.mark.rule("DS-1")
@pytest.mark.parametrize("amount", [{}, {"refund_minor": 0}, {"refund_minor": 5000}, {"refund_minor": 9000}])
async def test_a_split_gives_part_of_the_price_back(desk, amount):
    student = desk.student()
    report = await desk.filed(await desk.lesson(student=student, price_minor=5000), student)
    refused = problem(await desk.propose(report["id"], student, "split", **amount), 422, "invalid-refund")
    assert refused["field"] == "refund_minor"
    assert (await desk.read(report["id"], student)).json()["proposals"] == []


async def test_a_resolved_report_takes_no_more_proposals_and_its_lesson_no_more_reports(desk):
    student, provider = desk.student(), desk.provider()
    lesson = await desk.lesson(student, provider)
    report = await desk.filed(lesson, student, resolution="full_refund_to_student")
    await desk.answer(report, provider, "accept")
    problem(await desk.propose(report["id"], provider, "reschedule"), 409, "report-not-open")
    problem(await desk.report(lesson, provider, kind="student_absent"), 409, "lesson-settled")
