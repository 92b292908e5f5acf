"""Disputes' problem reports as booking follows them, through the real broker and consumer: an open
report holds the automatic confirmation (MS-4) until it is resolved, and a provider_absent report
makes the lesson missed, announced once (booking.lesson_missed.v1)."""

from datetime import UTC, datetime, timedelta

import pytest

from booking.bookings.deadlines import AUTO_CONFIRM

LESSON_MISSED = "booking.lesson_missed.v1"
DELIVERED = "booking.lesson_delivered.v1"


async def ended_lesson(market, ago: timedelta = timedelta(minutes=1)) -> dict:
    booking = await market.paid_lesson()
    await market.backstage.end_lesson(booking["id"], ago)
    return await market.get(booking["id"], market.staff())


async def timeline_types(market, booking) -> list[str]:
    return [entry["type"] for entry in await market.timeline(booking["id"])]


@pytest.mark.rule("MS-4")
async def test_an_open_report_holds_the_automatic_confirmation_until_it_is_resolved(market):
    booking = await ended_lesson(market, ago=timedelta(days=8))
    report = (await market.disputes.report(booking)).data
    assert (await market.get(booking["id"], market.staff()))["open_report_id"] == report.report_id

    assert await market.backstage.fire(AUTO_CONFIRM, booking["id"]) == 1
    held = await market.get(booking["id"], market.staff())
    assert (held["status"], held["delivered_at"]) == ("confirmed", None)
    assert await market.backstage.announced(DELIVERED, booking["id"]) == []
    assert "booking.auto_confirm_held" in await timeline_types(market, booking)

    # Resolved after the 7 days passed: the automatic confirmation is due at once.
    before = datetime.now(UTC)
    await market.disputes.resolve(booking, report.report_id)
    due = (await market.backstage.timers(booking["id"]))[AUTO_CONFIRM]
    assert before - timedelta(seconds=5) <= due <= datetime.now(UTC)
    assert (await market.get(booking["id"], market.staff()))["open_report_id"] is None
    assert await market.backstage.fire_due() >= 1
    delivered = await market.get(booking["id"], market.staff())
    assert (delivered["status"], delivered["confirmed_by"]) == ("delivered", "auto")
    assert len(await market.backstage.announced(DELIVERED, booking["id"])) == 1
    types = await timeline_types(market, booking)
    assert types.index("disputes.problem_reported") < types.index("disputes.report_resolved") \
        < types.index("booking.delivered")


@pytest.mark.rule("MS-4")
async def test_a_report_resolved_before_the_deadline_leaves_the_lessons_own_deadline(market):
    booking = await ended_lesson(market)
    report = (await market.disputes.report(booking, by="provider", kind="student_absent")).data
    await market.disputes.resolve(booking, report.report_id, resolution="full_payment_to_provider",
                                  decided_by="staff")
    due = (await market.backstage.timers(booking["id"]))[AUTO_CONFIRM]
    assert due == datetime.fromisoformat(booking["ends_at"]) + timedelta(days=7)


@pytest.mark.rule("RF-3")
async def test_a_resolution_that_refunds_is_not_followed_by_a_full_payout(market):
    booking = await ended_lesson(market)
    report = (await market.disputes.report(booking, by="provider", kind="student_absent")).data
    assert await market.backstage.fire(AUTO_CONFIRM, booking["id"]) == 1  # held while the report is open
    await market.disputes.resolve(booking, report.report_id, resolution="split", decided_by="staff")
    assert AUTO_CONFIRM not in await market.backstage.timers(booking["id"])
    assert await market.backstage.fire_due() == 0
    assert (await market.get(booking["id"], market.staff()))["status"] == "settled"  # DS-3: final
    assert await market.backstage.announced(DELIVERED, booking["id"]) == []
    resolved = [e for e in await market.timeline(booking["id"]) if e["type"] == "disputes.report_resolved"]
    assert [(e["service"], e["data"]["resolution"]) for e in resolved] == [("disputes", "split")]


async def test_the_student_may_still_confirm_a_reported_lesson(market):
    """A choice: the student's confirmation says the lesson took place, whatever was reported."""
    student = market.student()
    booking = await market.paid_lesson(student=student)
    await market.backstage.end_lesson(booking["id"])
    await market.disputes.report(booking, by="provider", kind="technical_problem")
    confirmed = await market.act(booking["id"], "confirm-delivery", student)
    assert confirmed.status_code == 200, confirmed.text
    assert (confirmed.json()["status"], confirmed.json()["confirmed_by"]) == ("delivered", "student")


async def test_a_resolution_that_arrives_before_its_report_leaves_nothing_open(market):
    booking = await ended_lesson(market)
    await market.disputes.resolve(booking, "report-early")
    await market.disputes.report(booking, report_id="report-early")
    assert (await market.get(booking["id"], market.staff()))["open_report_id"] is None
    assert await market.backstage.fire(AUTO_CONFIRM, booking["id"]) == 1
    assert (await market.get(booking["id"], market.staff()))["status"] == "delivered"


@pytest.mark.rule("MS-1")
@pytest.mark.rule("MS-4")
@pytest.mark.parametrize("by", ["student", "provider"])
async def test_a_provider_absent_report_makes_the_lesson_missed_once(market, by):
    booking = await ended_lesson(market)
    first = await market.disputes.report(booking, kind="provider_absent", by=by)
    await market.disputes.publish(first.data, booking, envelope=first)  # the broker delivers it again
    await market.wallet.handled(first, deliveries=2)
    await market.disputes.publish(first.data, booking)  # announced again, under a new event id

    [missed] = await market.backstage.announced(LESSON_MISSED, booking["id"])
    assert missed == {
        "booking_id": booking["id"], "student_id": booking["student_id"], "provider_id": booking["provider_id"],
        "report_id": first.data.report_id, "reported_by_role": by, "price": booking["price"],
        "missed_at": missed["missed_at"]}
    assert datetime.fromisoformat(missed["missed_at"]) == first.data.reported_at

    shown = await market.get(booking["id"], market.staff())
    assert shown["missed"]["report_id"] == first.data.report_id and shown["missed"]["reported_by_role"] == by
    assert shown["status"] == "confirmed" and shown["open_report_id"] == first.data.report_id
    types = await timeline_types(market, booking)
    assert types.count("booking.lesson_missed") == 1 and types.count("disputes.problem_reported") == 1

    # A missed lesson with its report open is not confirmed automatically (MS-4).
    assert await market.backstage.fire(AUTO_CONFIRM, booking["id"]) == 1
    assert (await market.get(booking["id"], market.staff()))["status"] == "confirmed"
    assert await market.backstage.announced(DELIVERED, booking["id"]) == []


async def test_a_second_provider_absent_report_does_not_miss_the_lesson_again(market):
    booking = await ended_lesson(market)
    first = (await market.disputes.report(booking, kind="provider_absent")).data
    await market.disputes.resolve(booking, first.report_id, resolution="reschedule")
    await market.disputes.report(booking, kind="provider_absent", by="provider")
    [missed] = await market.backstage.announced(LESSON_MISSED, booking["id"])
    assert missed["report_id"] == first.report_id
