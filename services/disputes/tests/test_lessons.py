"""The lesson record, from booking's events through the broker: handled once each (the inbox),
in any order (the projection), never read from booking's tables."""

from datetime import timedelta

from . import booking_events
from .desk import problem


async def test_a_lesson_is_recorded_with_its_parties_times_and_price(desk):
    lesson = await desk.lesson(price_minor=4200)
    recorded = await desk.backstage.lesson(desk.id, lesson.booking_id)
    assert (recorded.student_id, recorded.provider_id, recorded.status) == (lesson.student_id, lesson.provider_id,
                                                                            "confirmed")
    assert (recorded.starts_at, recorded.ends_at) == (lesson.starts_at, lesson.ends_at)
    assert (recorded.price_minor, recorded.currency, recorded.report_window_days) == (4200, "EUR", 30)


async def test_events_out_of_order_or_twice_end_in_the_same_record(desk):
    lesson = await desk.lesson(confirmed=False)
    await desk.others.publish(booking_events.delivered(lesson))
    late = await desk.others.publish(booking_events.confirmed(lesson))  # a late confirmation doesn't undo it
    await desk.others.publish(late.data, envelope=late)  # the broker redelivers the same event
    await desk.others.handled(late, deliveries=2)
    recorded = await desk.backstage.lesson(desk.id, lesson.booking_id)
    assert recorded.status == "delivered" and recorded.starts_at == lesson.starts_at


async def test_a_delivered_lesson_can_still_be_reported_within_the_window(desk):
    lesson = await desk.lesson(started=timedelta(days=10))
    await desk.others.publish(booking_events.delivered(lesson))
    assert (await desk.report(lesson, desk.student())).status_code == 201


async def test_a_moved_lesson_is_reported_after_its_new_start_whatever_arrives_late(desk):
    student = desk.student()
    lesson = await desk.lesson(student=student, started=-timedelta(hours=1))  # it would have started in an hour
    moved_event, moved = booking_events.rescheduled(lesson, lesson.starts_at + timedelta(days=2))
    first = await desk.others.publish(moved_event)
    back_event, _ = booking_events.rescheduled(lesson, lesson.starts_at - timedelta(hours=2))  # an older move
    await desk.others.publish(back_event, time=first.time - timedelta(minutes=5))
    await desk.others.publish(booking_events.confirmed(lesson))  # a late, older confirmation
    refused = problem(await desk.report(lesson, student), 409, "lesson-not-started")
    assert refused["starts_at"] == moved.starts_at.isoformat()


async def test_a_cancelled_lesson_is_not_reported(desk):
    lesson = await desk.lesson()
    await desk.others.publish(booking_events.cancelled(lesson))
    refused = problem(await desk.report(lesson, desk.student()), 409, "lesson-not-reportable")
    assert refused["lesson_status"] == "cancelled"
