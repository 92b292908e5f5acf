"""MS-4: a lesson is delivered when the student confirms it after its end, or automatically when
nobody did within 7 days of its end; delivery is what has the wallet pay the provider."""

from datetime import datetime, timedelta

import pytest

from booking.bookings.deadlines import AUTO_CONFIRM


async def paid_lesson(market):
    student = market.student()
    booking = await market.lesson(student=student)
    await market.wallet.capture(booking)
    return student, await market.get(booking["id"], student)


@pytest.mark.rule("MS-4")
async def test_the_student_confirms_the_lesson_after_its_end_and_the_provider_gets_paid(new_market):
    market = await new_market("lessons", platform_fee_bps=1500)
    student, booking = await paid_lesson(market)
    early = await market.act(booking["id"], "confirm-delivery", student)
    assert early.status_code == 409 and early.json()["type"] == "/problems/lesson-not-ended"

    await market.backstage.end_lesson(booking["id"])
    delivered = await market.act(booking["id"], "confirm-delivery", student)
    assert delivered.status_code == 200, delivered.text
    assert (delivered.json()["status"], delivered.json()["confirmed_by"]) == ("delivered", "student")
    [event] = await market.backstage.announced("booking.lesson_delivered.v1", booking["id"])
    assert event["confirmed_by"] == "student" and event["platform_fee_bps"] == 1500
    assert event["price"] == booking["price"]
    assert AUTO_CONFIRM not in await market.backstage.timers(booking["id"]), "the automatic one is off"

    await market.wallet.pay_provider(booking, fee_minor=750)
    paid = await market.wallet.until(booking, lambda b: b["payment"]["state"] == "paid_out")
    assert paid["payment"]["provider_paid"] == {"amount_minor": 4250, "currency": "EUR"}
    assert paid["payment"]["platform_fee"] == {"amount_minor": 750, "currency": "EUR"}


@pytest.mark.rule("MS-4")
async def test_a_lesson_nobody_confirms_is_delivered_seven_days_after_its_end(market):
    student, booking = await paid_lesson(market)
    due = (await market.backstage.timers(booking["id"]))[AUTO_CONFIRM]
    assert due == datetime.fromisoformat(booking["ends_at"]) + timedelta(days=7)
    assert await market.backstage.fire(AUTO_CONFIRM, booking["id"]) == 1
    delivered = await market.get(booking["id"], student)
    assert (delivered["status"], delivered["confirmed_by"]) == ("delivered", "auto")
    [event] = await market.backstage.announced("booking.lesson_delivered.v1", booking["id"])
    assert event["confirmed_by"] == "auto"


@pytest.mark.rule("MS-4")
async def test_only_a_confirmed_lesson_can_be_confirmed_delivered(market):
    student = market.student()
    booking = await market.lesson(student=student)
    refused = await market.act(booking["id"], "confirm-delivery", student)
    assert refused.status_code == 409 and refused.json()["current_status"] == "pending_payment"
