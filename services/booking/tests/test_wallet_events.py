"""The wallet's events are handled once each (the inbox) and in any order (the handlers): what
arrives twice or late is recorded, never applied twice nor against the booking's state."""

import pytest

from booking.bookings.payment_outcomes import CAPTURED_AFTER_RELEASE


async def timeline_types(market, booking) -> list[str]:
    answer = await market.api.get(f"/v1/bookings/{booking['id']}/timeline", headers=market.staff().headers)
    return [e["type"] for e in answer.json()["entries"]]


@pytest.mark.rule("BK-2")
async def test_a_capture_delivered_twice_confirms_once(market):
    booking = await market.lesson()
    first = await market.wallet.capture(booking)
    await market.wallet.publish(first.data, envelope=first)  # the broker redelivers the same event
    await market.wallet.handled(first, deliveries=2)
    assert len(await market.backstage.announced("booking.booking_confirmed.v1", booking["id"])) == 1
    assert (await timeline_types(market, booking)).count("wallet.payment_captured") == 1


@pytest.mark.rule("BK-2")
async def test_money_captured_for_a_released_booking_is_handed_back(market):
    booking = await market.lesson()
    await market.wallet.fail(booking)
    await market.wallet.capture(booking)  # the wallet's late success, after its failure
    late = await market.get(booking["id"], market.staff())
    assert late["status"] == "payment_failed" and late["payment"]["state"] == "captured"
    released = await market.backstage.announced("booking.booking_released.v1", booking["id"])
    assert [r["reason"] for r in released][1:] == [CAPTURED_AFTER_RELEASE]  # the wallet refunds on this
    assert booking["starts_at"] in [s["starts_at"] for s in (await market.slots(booking["offering_id"]))["slots"]]


@pytest.mark.rule("BK-2")
async def test_a_failure_after_a_capture_is_recorded_and_changes_nothing(market):
    booking = await market.lesson()
    await market.wallet.capture(booking)
    await market.wallet.fail(booking)
    assert "wallet.payment_failed" in await timeline_types(market, booking)
    kept = await market.get(booking["id"], market.staff())
    assert (kept["status"], kept["payment"]["state"]) == ("confirmed", "captured")
    assert await market.backstage.announced("booking.booking_released.v1", booking["id"]) == []


async def test_one_refund_announced_twice_is_counted_once(market):
    booking = await market.lesson()
    await market.wallet.capture(booking)
    await market.wallet.refund(booking, 2000, refund_id="r-1")
    await market.wallet.refund(booking, 2000, refund_id="r-1")  # a new event id, the same refund
    await market.wallet.refund(booking, 3000, refund_id="r-2")
    refunded = await market.get(booking["id"], market.staff())
    assert refunded["payment"]["state"] == "refunded" and refunded["payment"]["refunded"]["amount_minor"] == 5000


@pytest.mark.rule("BK-2")
async def test_a_capture_reannounced_under_a_new_event_id_is_applied_once(market):
    booking = await market.lesson()
    first = await market.wallet.capture(booking)
    await market.wallet.publish(first.data)  # same payment, new envelope
    assert len(await market.backstage.announced("booking.booking_confirmed.v1", booking["id"])) == 1
    assert (await timeline_types(market, booking)).count("wallet.payment_captured") == 1


@pytest.mark.rule("BK-2")
async def test_a_second_different_capture_is_shown_but_does_not_replace_the_first(market):
    booking = await market.lesson()
    first = await market.wallet.capture(booking)
    await market.wallet.publish(first.data.model_copy(update={"payment_id": "pay-other"}))
    kept = await market.get(booking["id"], market.staff())
    assert kept["payment"]["payment_id"] == first.data.payment_id and kept["status"] == "confirmed"
    assert (await timeline_types(market, booking)).count("wallet.payment_captured") == 2
