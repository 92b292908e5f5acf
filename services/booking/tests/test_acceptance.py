"""BK-3: where the policy says so, the provider accepts or declines a paid booking; a declined or
unanswered booking is refunded in full and its slot freed."""

from datetime import datetime

import pytest

from booking.bookings.deadlines import ACCEPTANCE_TIMEOUT, AUTO_CONFIRM


async def paid_coaching_lesson(new_market):
    market = await new_market("coaching")  # providers accept their bookings there
    provider, student = await market.provider(), market.student()
    booking = await market.lesson(student=student, provider=provider)
    await market.wallet.capture(booking)
    return market, provider, student, await market.get(booking["id"], student)


@pytest.mark.rule("BK-3")
async def test_a_paid_booking_awaits_the_provider_who_accepts_it(new_market):
    market, provider, _, booking = await paid_coaching_lesson(new_market)
    assert booking["status"] == "awaiting_acceptance" and booking["payment"]["state"] == "captured"
    [asked] = await market.backstage.announced("booking.acceptance_requested.v1", booking["id"])
    respond_by = datetime.fromisoformat(asked["respond_by"])
    assert respond_by == datetime.fromisoformat(booking["respond_by"])
    assert (await market.backstage.timers(booking["id"]))[ACCEPTANCE_TIMEOUT] == respond_by
    assert await market.backstage.announced("booking.booking_confirmed.v1", booking["id"]) == []

    accepted = await market.act(booking["id"], "accept", provider)
    assert accepted.status_code == 200 and accepted.json()["status"] == "confirmed"
    assert len(await market.backstage.announced("booking.booking_confirmed.v1", booking["id"])) == 1
    assert set(await market.backstage.timers(booking["id"])) == {AUTO_CONFIRM}

    again = await market.act(booking["id"], "decline", provider)
    assert again.status_code == 409 and again.json()["type"] == "/problems/booking-state-conflict"
    assert again.json()["current_status"] == "confirmed" and "confirmed" in again.json()["detail"]


@pytest.mark.rule("BK-3")
async def test_a_declined_booking_is_refunded_in_full_and_its_slot_freed(new_market):
    market, provider, _, booking = await paid_coaching_lesson(new_market)
    declined = await market.act(booking["id"], "decline", provider)
    assert declined.status_code == 200 and declined.json()["status"] == "declined"
    [event] = await market.backstage.announced("booking.booking_declined.v1", booking["id"])
    assert event["reason"] == "declined" and event["refund"] == booking["price"]
    assert await market.backstage.timers(booking["id"]) == {}
    slots = await market.slots(booking["offering_id"])
    assert booking["starts_at"] in [s["starts_at"] for s in slots["slots"]]

    await market.wallet.refund(booking, booking["price"]["amount_minor"])
    refunded = await market.wallet.until(booking, lambda b: b["payment"]["state"] == "refunded")
    assert refunded["payment"]["refunded"] == booking["price"]


@pytest.mark.rule("BK-3")
async def test_an_unanswered_booking_is_declined_when_its_time_is_up(new_market):
    market, provider, student, booking = await paid_coaching_lesson(new_market)
    assert await market.backstage.fire(ACCEPTANCE_TIMEOUT, booking["id"]) == 1
    timed_out = await market.get(booking["id"], student)
    assert timed_out["status"] == "declined" and timed_out["status_reason"] == "acceptance_timeout"
    [event] = await market.backstage.announced("booking.booking_declined.v1", booking["id"])
    assert event["reason"] == "acceptance_timeout" and event["refund"] == booking["price"]
    late = await market.act(booking["id"], "accept", provider)
    assert late.status_code == 409 and late.json()["current_status"] == "declined"


@pytest.mark.rule("BK-3")
async def test_only_a_paid_booking_can_be_accepted(new_market):
    market = await new_market("coaching")
    provider = await market.provider()
    booking = await market.lesson(provider=provider)
    refused = await market.act(booking["id"], "accept", provider)
    assert refused.status_code == 409 and refused.json()["current_status"] == "pending_payment"
