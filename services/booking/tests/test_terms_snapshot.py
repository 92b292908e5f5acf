"""BK-6: a booking keeps the policy in force when it was made; later changes of the marketplace's
policy or of the offering never change it, and every later decision reads the booking's copy."""

from datetime import datetime, timedelta

import pytest

from booking.bookings.deadlines import AUTO_CONFIRM


@pytest.mark.rule("BK-6")
async def test_a_policy_change_after_booking_changes_neither_the_terms_nor_the_decisions(new_market):
    market = await new_market("lessons", platform_fee_bps=1000)
    student, staff, provider = market.student(), market.staff(), await market.provider()
    booking = await market.lesson(student=student, provider=provider)
    assert booking["terms"]["provider_must_accept"] is False and booking["terms"]["platform_fee_bps"] == 1000

    changed = await market.api.put("/v1/marketplace/policy", headers=staff.headers, json={
        "preset": "coaching", "overrides": {"platform_fee_bps": 2500, "auto_confirm_after_days": 3}})
    assert changed.status_code == 200, changed.text
    assert changed.json()["policy"]["terms"]["provider_must_accept"] is True

    assert (await market.get(booking["id"], student))["terms"] == booking["terms"]
    await market.wallet.capture(booking)
    paid = await market.get(booking["id"], student)
    assert paid["status"] == "confirmed", "the booking's terms don't ask the provider to accept"
    due = (await market.backstage.timers(booking["id"]))[AUTO_CONFIRM]
    assert due == datetime.fromisoformat(booking["ends_at"]) + timedelta(days=7)
    await market.backstage.fire(AUTO_CONFIRM, booking["id"])
    [delivered] = await market.backstage.announced("booking.lesson_delivered.v1", booking["id"])
    assert delivered["platform_fee_bps"] == 1000

    later = await market.lesson(student=market.student("later"), provider=provider)
    assert later["terms"]["platform_fee_bps"] == 2500 and later["terms"]["provider_must_accept"] is True


@pytest.mark.rule("BK-6")
async def test_an_offering_changed_after_booking_leaves_the_booking_as_bought(market):
    provider = await market.provider()
    booking = await market.lesson(provider=provider, policy_overrides={"student_notice_hours": 48})
    assert booking["terms"]["student_notice_hours"] == 48  # the offering's own terms over the marketplace's
    changed = await market.api.patch(f"/v1/offerings/{booking['offering_id']}", headers=provider.headers, json={
        "price": {"amount_minor": 9900, "currency": "EUR"}, "duration_minutes": 90, "title": "Longer",
        "policy_overrides": {"student_notice_hours": 12}})
    assert changed.status_code == 200, changed.text
    kept = await market.get(booking["id"], provider)
    assert kept["price"] == {"amount_minor": 5000, "currency": "EUR"} and kept["offering_title"] == "A lesson"
    assert kept["ends_at"] == booking["ends_at"] and kept["terms"]["student_notice_hours"] == 48
