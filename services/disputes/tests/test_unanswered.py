"""DS-5: a report the parties leave unanswered for 7 days is escalated to staff, by a timer row in
disputes' database; each step of the parties starts the 7 days again."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text


@pytest.mark.rule("DS-5")
async def test_an_unanswered_report_goes_to_staff_after_seven_days(desk):
    student, provider = desk.student(), desk.provider()
    report = await desk.filed(await desk.lesson(student, provider), student, resolution="full_refund_to_student")
    due = await desk.backstage.unanswered_timer(report["id"])
    assert due == datetime.fromisoformat(report["answer_by"])
    assert due == datetime.fromisoformat(report["reported_at"]) + timedelta(days=7)

    assert await desk.backstage.let_deadline_pass(report["id"]) >= 1
    escalated = (await desk.read(report["id"], desk.staff())).json()
    assert (escalated["status"], escalated["dispute"]["reason"]) == ("escalated", "unanswered")
    assert escalated["dispute"]["escalated_by"] is None and escalated["proposals"][0]["status"] == "lapsed"
    [event] = await desk.backstage.announced("disputes.report_escalated.v1", report["id"])
    assert (event["reason"], event["escalated_by"]) == ("unanswered", None)
    assert await desk.backstage.unanswered_timer(report["id"]) is None


@pytest.mark.rule("DS-5")
async def test_each_answer_starts_the_seven_days_again(desk):
    student, provider = desk.student(), desk.provider()
    report = await desk.filed(await desk.lesson(student, provider), student, resolution="full_refund_to_student")
    rejected = (await desk.answer(report, provider, "reject")).json()
    assert datetime.fromisoformat(rejected["answer_by"]) > datetime.fromisoformat(report["answer_by"])
    assert await desk.backstage.unanswered_timer(report["id"]) == datetime.fromisoformat(rejected["answer_by"])


@pytest.mark.rule("DS-5")
async def test_a_resolved_report_is_never_escalated(desk):
    student, provider = desk.student(), desk.provider()
    report = await desk.filed(await desk.lesson(student, provider), student, resolution="reschedule")
    await desk.answer(report, provider, "accept")
    assert await desk.backstage.unanswered_timer(report["id"]) is None
    await desk.backstage.let_deadline_pass(report["id"])
    assert (await desk.read(report["id"], student)).json()["status"] == "resolved"
    assert await desk.backstage.announced("disputes.report_escalated.v1", report["id"]) == []


@pytest.mark.rule("DS-5")
async def test_a_deadline_that_finds_its_report_busy_is_tried_again_later(desk):
    student = desk.student()
    report = await desk.filed(await desk.lesson(student=student), student)
    await desk.backstage.move_deadline_past(report["id"])
    async with desk.backstage.runtime.engine.connect() as holder:  # a request working on the report now
        await holder.execute(text("SELECT 1 FROM reports WHERE id = :id FOR UPDATE"), {"id": report["id"]})
        await desk.backstage.fire_due()
        await holder.rollback()
    assert (await desk.read(report["id"], student)).json()["status"] == "open"
    assert await desk.backstage.unanswered_timer(report["id"]) > datetime.now(UTC), "it waits for its retry"
