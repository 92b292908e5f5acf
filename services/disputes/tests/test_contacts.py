"""The contact-first fact (RF-2's and DS-4's condition), from notifications' chat events through
the broker: did the student write to the provider after the lesson's start?"""

from datetime import timedelta


async def contacted(desk, report) -> bool:
    return (await desk.read(report["id"], desk.staff())).json()["student_contacted_provider"]


async def test_a_student_message_after_the_start_counts(desk):
    student = desk.student()
    lesson = await desk.lesson(student=student)
    report = await desk.filed(lesson, student)
    assert await contacted(desk, report) is False
    await desk.others.chat(lesson, "student", lesson.starts_at + timedelta(minutes=10))
    assert await contacted(desk, report) is True


async def test_a_message_before_the_start_or_from_the_provider_does_not(desk):
    provider = desk.provider()
    lesson = await desk.lesson(provider=provider)
    await desk.others.chat(lesson, "student", lesson.starts_at - timedelta(minutes=5))
    await desk.others.chat(lesson, "provider", lesson.starts_at + timedelta(minutes=5))
    report = await desk.filed(lesson, provider)
    assert await contacted(desk, report) is False


async def test_an_older_message_arriving_late_does_not_hide_a_newer_one(desk):
    student = desk.student()
    lesson = await desk.lesson(student=student)
    await desk.others.chat(lesson, "student", lesson.starts_at + timedelta(minutes=30))
    await desk.others.chat(lesson, "student", lesson.starts_at - timedelta(days=1))  # delivered out of order
    assert await contacted(desk, await desk.filed(lesson, student)) is True


async def test_a_message_to_another_provider_does_not_count(desk):
    student = desk.student()
    lesson = await desk.lesson(student=student)
    other = await desk.lesson(student=student, provider=desk.provider("someone-else"))
    await desk.others.chat(other, "student", lesson.starts_at + timedelta(minutes=10))
    assert await contacted(desk, await desk.filed(lesson, student)) is False
