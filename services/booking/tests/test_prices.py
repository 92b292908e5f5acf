"""Prices and amounts as partners send them (issue 13): a whole number of the currency's minor unit,
at most 100 million of its major unit, in a currency in circulation that the marketplace takes, and
more than nothing for an offering. Every refusal is a 422 naming the field; what is accepted is
stored whole, however far past a 32-bit integer."""

import pytest

from .market import Market

EURO_BOUND = 100_000_000 * 100  # minor units: 100 million euros
LARGE_PRICE = 3_000_000_000  # 30 million euros in cents: past a 32-bit integer, inside the bound


def offering_body(price: dict, **fields) -> dict:
    return {"title": "A lesson", "kind": "guitar", "duration_minutes": 60, "price": price, **fields}


def euros(amount_minor) -> dict:
    return {"amount_minor": amount_minor, "currency": "EUR"}


def refused_fields(response) -> set[str]:
    assert response.status_code == 422, response.text
    body = response.json()
    assert response.headers["content-type"] == "application/problem+json"
    assert body["status"] == 422 and body["type"].startswith("/problems/"), body
    return {error["field"] for error in body["errors"]}


async def offer(market: Market, provider, price: dict):
    return await market.api.post("/v1/offerings", json=offering_body(price), headers=provider.headers)


async def change_price(market: Market, provider, offering: dict, price: dict):
    return await market.api.patch(f"/v1/offerings/{offering['id']}", json={"price": price}, headers=provider.headers)


@pytest.mark.rule("PL-5")
@pytest.mark.parametrize("price", [2 ** 31, LARGE_PRICE, EURO_BOUND], ids=["2^31", "3e9", "bound"])
async def test_a_price_past_a_32_bit_integer_within_the_bound_is_stored_and_read_back(market, price):
    provider = await market.provider()
    created = await offer(market, provider, euros(price))
    assert created.status_code == 201, created.text
    read = await market.api.get(f"/v1/offerings/{created.json()['id']}", headers=market.student().headers)
    assert read.json()["price"] == euros(price)


@pytest.mark.rule("PL-5")
@pytest.mark.parametrize("price", [
    euros(EURO_BOUND + 1), euros(2 ** 63), euros(2 ** 64 + 5), {"amount_minor": 2 ** 31, "currency": "JPY"},
], ids=["bound+1", "2^63", "2^64", "JPY-2^31"])
async def test_a_price_past_the_currency_bound_is_refused_naming_the_amount(market, price):
    provider = await market.provider()
    assert refused_fields(await offer(market, provider, price)) == {"price.amount_minor"}
    offering = await market.offering(provider)
    assert refused_fields(await change_price(market, provider, offering, price)) == {"price.amount_minor"}
    kept = await market.api.get(f"/v1/offerings/{offering['id']}", headers=provider.headers)
    assert kept.json()["price"] == euros(5000), "a refused change changes nothing"
    assert len((await market.api.get("/v1/offerings", headers=provider.headers)).json()["items"]) == 1


@pytest.mark.rule("PL-5")
@pytest.mark.parametrize("amount", [0, "100", True, 50.0, None], ids=["zero", "string", "true", "float", "null"])
async def test_an_offering_priced_at_nothing_or_not_in_a_whole_number_is_refused(market, amount):
    provider = await market.provider()
    response = await offer(market, provider, euros(amount))
    assert refused_fields(response) == {"price.amount_minor"}
    offering = await market.offering(provider)
    assert refused_fields(await change_price(market, provider, offering, euros(amount))) == {"price.amount_minor"}
    assert (await market.api.get("/v1/offerings", headers=provider.headers)).json()["items"] == [offering]


@pytest.mark.rule("PL-5")
@pytest.mark.parametrize("currency", ["XXX", "ZZZ", "eur", "EURO", 978])
async def test_a_price_in_no_currency_in_circulation_is_refused_naming_the_currency(market, currency):
    provider = await market.provider()
    assert refused_fields(await offer(market, provider, {"amount_minor": 5000, "currency": currency})) == {
        "price.currency"}


async def test_the_marketplace_shows_the_currencies_it_takes(new_market):
    named = await new_market(currencies=["EUR", "CHF"])
    shown = (await named.api.get("/v1/marketplace", headers=named.student().headers)).json()
    assert shown["currencies"] == ["EUR", "CHF"]
    unnamed = await new_market()
    shown = (await unnamed.api.get("/v1/marketplace", headers=unnamed.student().headers)).json()
    assert shown["currencies"] is None, "registered before currencies were named: any currency in circulation"


@pytest.mark.rule("PL-5")
async def test_an_offering_is_priced_only_in_a_currency_its_marketplace_takes(new_market):
    market = await new_market(currencies=["EUR", "CHF"])
    provider = await market.provider()
    refused = await offer(market, provider, {"amount_minor": 5000, "currency": "USD"})
    assert refused_fields(refused) == {"price.currency"}
    body = refused.json()
    assert body["type"] == "/problems/currency-not-accepted" and body["accepted_currencies"] == ["EUR", "CHF"]
    assert "USD" in body["detail"]

    in_francs = await offer(market, provider, {"amount_minor": 5000, "currency": "CHF"})
    assert in_francs.status_code == 201, in_francs.text
    changed = await change_price(market, provider, in_francs.json(), {"amount_minor": 5000, "currency": "USD"})
    assert refused_fields(changed) == {"price.currency"}
    assert changed.json()["type"] == "/problems/currency-not-accepted"
    kept = await market.api.get(f"/v1/offerings/{in_francs.json()['id']}", headers=provider.headers)
    assert kept.json()["price"] == {"amount_minor": 5000, "currency": "CHF"}


async def test_a_marketplace_registered_before_currencies_were_named_takes_any_in_circulation(market):
    provider = await market.provider()
    for currency, amount in (("USD", 5000), ("JPY", 5000), ("KWD", 5000)):
        created = await offer(market, provider, {"amount_minor": amount, "currency": currency})
        assert created.status_code == 201, created.text


@pytest.mark.rule("CX-1")
async def test_a_lesson_priced_past_a_32_bit_integer_is_booked_paid_and_refunded_whole(market):
    student = market.student()
    lesson = await market.paid_lesson(student=student, amount_minor=LARGE_PRICE)
    assert lesson["price"] == euros(LARGE_PRICE)
    assert lesson["payment"]["captured"] == euros(LARGE_PRICE)

    # The first slot is a day ahead: the notice window (24 h) is kept, the refund is the whole price.
    cancelled = await market.post(lesson["id"], "cancel", student, {"reason": "Moved away"})
    assert cancelled.status_code == 200, cancelled.text
    cancellation = (await market.api.get(f"/v1/bookings/{lesson['id']}/cancellation",
                                         headers=student.headers)).json()
    assert cancellation["refunded"] == euros(LARGE_PRICE)
    assert [d["amount"] for d in cancellation["decisions"]] == [euros(LARGE_PRICE)]
    [event] = await market.backstage.announced("booking.booking_cancelled.v1", lesson["id"])
    assert event["refund"] == euros(LARGE_PRICE)


@pytest.mark.rule("CX-2")
@pytest.mark.parametrize("amount", ["100", True, 1.5, 2 ** 63], ids=["string", "true", "float", "2^63"])
async def test_a_partial_refund_not_in_a_whole_number_within_bounds_is_refused(market, amount):
    provider = await market.provider()
    lesson = await market.paid_lesson(provider=provider)
    refused = await market.post(lesson["id"], "cancel", provider, {
        "reason": "The student asked", "cause": "student", "refund": {"kind": "partial", "amount_minor": amount}})
    assert refused_fields(refused) == {"refund.amount_minor"}
    assert refused.json()["type"] == "/problems/validation-error"
    assert (await market.get(lesson["id"], provider))["status"] == "confirmed"
