"""BK-2: a booking counts as confirmed only once the wallet has taken and holds its price; a failed
payment releases the slot with the wallet's reason."""

import pytest

from booking.bookings.deadlines import AUTO_CONFIRM, PAYMENT_TIMEOUT


@pytest.mark.rule("BK-2")
async def test_a_booking_waits_for_its_payment_and_is_confirmed_once_captured(market):
    student = market.student()
    booking = await market.lesson(student=student)
    assert booking["status"] == "pending_payment" and booking["payment"]["state"] == "pending"
    [requested] = await market.backstage.announced("booking.booking_requested.v1", booking["id"])
    assert requested["price"] == {"amount_minor": 5000, "currency": "EUR"}
    assert requested["payment_method"] == "credits" and requested["student_id"] == student.user_id

    await market.wallet.capture(booking)
    confirmed = await market.get(booking["id"], student)
    assert confirmed["status"] == "confirmed"
    assert confirmed["payment"]["captured"] == {"amount_minor": 5000, "currency": "EUR"}
    assert len(await market.backstage.announced("booking.booking_confirmed.v1", booking["id"])) == 1
    assert set(await market.backstage.timers(booking["id"])) == {AUTO_CONFIRM}  # the payment clock stopped


@pytest.mark.rule("BK-2")
async def test_a_failed_payment_releases_the_slot_with_the_wallets_reason(market):
    booking = await market.lesson()
    await market.wallet.fail(booking, "card_declined", "Your card was declined by its bank.")
    released = await market.get(booking["id"], market.staff())
    assert released["status"] == "payment_failed" and released["payment"]["state"] == "failed"
    assert released["status_reason"] == "Your card was declined by its bank."
    assert released["payment"]["failure_code"] == "card_declined"
    [event] = await market.backstage.announced("booking.booking_released.v1", booking["id"])
    assert event["reason"] == "Your card was declined by its bank."
    slots = await market.slots(booking["offering_id"])
    assert booking["starts_at"] in [s["starts_at"] for s in slots["slots"]]  # offered again at once (BK-4)


@pytest.mark.rule("BK-2")
async def test_paying_by_card_names_the_card_to_the_wallet(market):
    provider = await market.provider()
    offering = await market.offering(provider)
    slot = (await market.slots(offering["id"]))["slots"][0]
    response = await market.book(market.student(), offering["id"], slot["starts_at"], "card", payment_method_id="pm-9")
    assert response.status_code == 201, response.text
    [requested] = await market.backstage.announced("booking.booking_requested.v1", response.json()["id"])
    assert (requested["payment_method"], requested["payment_method_id"]) == ("card", "pm-9")


@pytest.mark.rule("BK-2")
async def test_a_payment_without_answer_in_time_releases_the_slot(market):
    booking = await market.lesson()
    assert PAYMENT_TIMEOUT in await market.backstage.timers(booking["id"])
    assert await market.backstage.fire(PAYMENT_TIMEOUT, booking["id"]) == 1

    released = await market.get(booking["id"], market.staff())
    assert released["status"] == "payment_failed"
    assert released["payment"]["failure_code"] == "payment_timeout"
    [event] = await market.backstage.announced("booking.booking_released.v1", booking["id"])
    assert event["reason"] == "The payment was not confirmed in time."
    slots = await market.slots(booking["offering_id"])
    assert booking["starts_at"] in [s["starts_at"] for s in slots["slots"]]

    # The wallet's late capture does not revive it: the booking says "released" again, and the
    # wallet refunds on that.
    await market.wallet.capture(booking)
    assert (await market.get(booking["id"], market.staff()))["status"] == "payment_failed"
    assert len(await market.backstage.announced("booking.booking_released.v1", booking["id"])) == 2
