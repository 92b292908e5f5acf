"""PC-2: a booking request may carry a promo code, which booking passes to the wallet in
booking.booking_requested.v1; the wallet checks it, and a refused code fails the payment like any
other, with the wallet's reason on the booking."""

import pytest

REQUESTED = "booking.booking_requested.v1"


async def book_with_code(market, code: str):
    provider = await market.provider()
    offering = await market.offering(provider)
    slot = (await market.slots(offering["id"]))["slots"][0]
    body = {"offering_id": offering["id"], "starts_at": slot["starts_at"], "payment": {"method": "credits"},
            "promo_code": code}
    return offering, await market.api.post("/v1/bookings", json=body, headers=market.student().headers)


@pytest.mark.rule("PC-2")
async def test_a_booking_passes_its_promo_code_to_the_wallet(market):
    _, response = await book_with_code(market, "MISSED-7f3a2c")
    assert response.status_code == 201, response.text
    booking = response.json()
    assert booking["payment"]["promo_code"] == "MISSED-7f3a2c"
    [requested] = await market.backstage.announced(REQUESTED, booking["id"])
    assert (requested["promo_code"], requested["payment_method"]) == ("MISSED-7f3a2c", "credits")


@pytest.mark.rule("PC-2")
@pytest.mark.rule("PL-5")
async def test_a_promo_code_of_the_wrong_shape_is_refused_and_nothing_is_booked(market):
    offering, response = await book_with_code(market, "no spaces!")
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["field"] == "promo_code"
    assert await market.backstage.requests_for_offering(offering["id"]) == 0


@pytest.mark.rule("PC-2")
@pytest.mark.rule("BK-2")
async def test_a_refused_promo_code_fails_the_booking_with_the_wallets_reason(market):
    _, response = await book_with_code(market, "MISSED-7f3a2c")
    booking = response.json()
    reason = "This promo code was issued to another student."
    await market.wallet.fail(booking, "promo_code_refused", reason)
    failed = await market.get(booking["id"], market.student())
    assert (failed["status"], failed["status_reason"]) == ("payment_failed", reason)
    assert (failed["payment"]["failure_code"], failed["payment"]["promo_code"]) == ("promo_code_refused",
                                                                                   "MISSED-7f3a2c")
    [released] = await market.backstage.announced("booking.booking_released.v1", booking["id"])
    assert released["reason"] == reason
    assert booking["starts_at"] in await market.offered(booking)  # the slot is free again
