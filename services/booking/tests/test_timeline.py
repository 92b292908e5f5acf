"""A booking's timeline: every state change, from every service, in order, in one call."""


async def test_the_timeline_lists_the_bookings_and_the_wallets_changes_in_order(market):
    student = market.student()
    booking = await market.lesson(student=student)
    await market.wallet.capture(booking)
    await market.backstage.end_lesson(booking["id"])
    assert (await market.act(booking["id"], "confirm-delivery", student)).status_code == 200
    await market.wallet.pay_provider(booking, fee_minor=0)
    await market.wallet.until(booking, lambda b: b["payment"]["state"] == "paid_out")

    timeline = (await market.api.get(f"/v1/bookings/{booking['id']}/timeline", headers=student.headers)).json()
    entries = timeline["entries"]
    assert [(e["service"], e["type"]) for e in entries] == [
        ("booking", "booking.pending_payment"), ("wallet", "wallet.payment_captured"),
        ("booking", "booking.confirmed"), ("booking", "booking.delivered"), ("wallet", "wallet.provider_paid")]
    assert [e["at"] for e in entries] == sorted(e["at"] for e in entries)
    assert entries[1]["data"]["payment_id"] and entries[2]["data"] == {"from": "pending_payment", "to": "confirmed"}
    assert all(e["summary"] for e in entries)


async def test_a_declined_bookings_timeline_ends_with_the_wallets_refund(new_market):
    market = await new_market("coaching")
    provider = await market.provider()
    booking = await market.lesson(provider=provider)
    await market.wallet.capture(booking)
    await market.act(booking["id"], "decline", provider)
    await market.wallet.refund(booking, 5000)
    await market.wallet.until(booking, lambda b: b["payment"]["state"] == "refunded")
    timeline = (await market.api.get(f"/v1/bookings/{booking['id']}/timeline", headers=provider.headers)).json()
    assert [e["type"] for e in timeline["entries"]] == [
        "booking.pending_payment", "wallet.payment_captured", "booking.awaiting_acceptance", "booking.declined",
        "wallet.refund_issued"]
