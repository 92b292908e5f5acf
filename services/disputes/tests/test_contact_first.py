"""DS-4: a student brings a missed lesson to staff only after contacting the provider, by a chat
message after the lesson's start (RF-2's condition); the refusal names the condition."""

from datetime import timedelta

import pytest

from .desk import problem


@pytest.mark.rule("DS-4")
async def test_a_student_who_has_not_written_to_the_provider_cannot_escalate_a_missed_lesson(desk):
    student = desk.student()
    lesson = await desk.lesson(student=student)
    report = await desk.filed(lesson, student, kind="provider_absent")
    refused = problem(await desk.escalate(report["id"], student), 409, "contact-provider-first")
    assert refused["condition"] == "student_contacted_provider" and "chat message" in refused["detail"]
    assert (await desk.read(report["id"], student)).json()["status"] == "open"

    await desk.others.chat(lesson, "student", lesson.starts_at + timedelta(minutes=15))
    escalated = await desk.escalate(report["id"], student)
    assert escalated.status_code == 200, escalated.text
    assert escalated.json()["student_contacted_provider"] is True


@pytest.mark.rule("DS-4")
async def test_a_message_from_before_the_lesson_does_not_count(desk):
    student = desk.student()
    lesson = await desk.lesson(student=student)
    await desk.others.chat(lesson, "student", lesson.starts_at - timedelta(hours=1))
    report = await desk.filed(lesson, student, kind="provider_absent")
    problem(await desk.escalate(report["id"], student), 409, "contact-provider-first")


@pytest.mark.rule("DS-4")
async def test_the_condition_is_the_students_for_a_missed_lesson_only(desk):
    student, provider = desk.student(), desk.provider()
    missed = await desk.filed(await desk.lesson(student, provider), student, kind="provider_absent")
    assert (await desk.escalate(missed["id"], provider)).status_code == 200  # the provider may
    technical = await desk.filed(await desk.lesson(student, provider), student, kind="technical_problem")
    assert (await desk.escalate(technical["id"], student)).status_code == 200
