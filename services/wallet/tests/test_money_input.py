"""Money as the wallet takes it in requests (issue 13): JSON integers only, ISO 4217 currencies in
circulation, amounts within the currency's bound, and no field the wallet does not know. Each refusal
is a 422 naming the field, and nothing is charged or booked."""

import pytest

from shared.auth import Role
from wallet.cards.sandbox.public_api import TOKENS_PATH


async def post_top_up(wallet, mkt: str, body: dict):
    return await wallet.client.post("/v1/wallet/top-ups", headers=wallet.auth(mkt, "stu"), json=body)


def refused_fields(response) -> list[str]:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    return [error["field"] for error in response.json()["errors"]]


async def assert_nothing_charged_nor_booked(wallet, mkt: str) -> None:
    assert await wallet.processor_charges(mkt) == []
    assert await wallet.scalar("SELECT count(*) FROM accounts WHERE marketplace_id = :mkt", mkt=mkt) == 0
    assert await wallet.postings_count(mkt) == 0


@pytest.mark.rule("PL-5")
@pytest.mark.parametrize("amount_minor", ["100", True, 1.5, 100.0, None, [100]])
async def test_a_top_up_amount_that_is_not_a_json_integer_is_refused(wallet, mkt, amount_minor):
    card = await wallet.add_card(mkt, "stu")
    refused = await post_top_up(wallet, mkt, {"amount": {"amount_minor": amount_minor, "currency": "EUR"},
                                              "payment_method_id": card})
    assert "amount.amount_minor" in refused_fields(refused)
    await assert_nothing_charged_nor_booked(wallet, mkt)


@pytest.mark.rule("PL-5")
@pytest.mark.parametrize("currency", ["XXX", "ZZZ", "XTS", "eur", 978])
async def test_a_code_that_is_no_currency_in_circulation_opens_no_balance(wallet, mkt, currency):
    card = await wallet.add_card(mkt, "stu")
    refused = await post_top_up(wallet, mkt, {"amount": {"amount_minor": 100, "currency": currency},
                                              "payment_method_id": card})
    assert refused_fields(refused) == ["amount.currency"]
    await assert_nothing_charged_nor_booked(wallet, mkt)


@pytest.mark.rule("PL-5")
@pytest.mark.parametrize(("amount_minor", "currency"), [
    (2**63 - 1, "EUR"), (2**62, "EUR"), (10**18, "EUR"), (2**64, "EUR"),
    (100_000_000_01, "EUR"),  # one cent above 100 million euros
    (100_000_001, "JPY"),  # yen have no minor unit: one yen above 100 million
])
async def test_an_amount_above_the_currencys_bound_is_refused_before_any_charge(wallet, mkt, amount_minor,
                                                                                currency):
    card = await wallet.add_card(mkt, "stu")
    refused = await post_top_up(wallet, mkt, {"amount": {"amount_minor": amount_minor, "currency": currency},
                                              "payment_method_id": card})
    assert refused_fields(refused) == ["amount.amount_minor"]
    await assert_nothing_charged_nor_booked(wallet, mkt)


async def test_the_largest_amount_of_a_currency_is_taken(wallet, mkt):
    card = await wallet.add_card(mkt, "stu")
    taken = await wallet.top_up(mkt, "stu", 100_000_000, card, currency="JPY")
    assert taken.status_code == 201, taken.text
    assert taken.json()["balance"] == {"amount_minor": 100_000_000, "currency": "JPY"}


@pytest.mark.rule("PL-5")
@pytest.mark.parametrize(("body", "field"), [
    ({"coupon": "FREE"}, "coupon"),
    ({"amount": {"amount_minor": 100, "currency": "EUR", "fx_rate": 2}}, "amount.fx_rate"),
])
async def test_a_top_up_with_a_field_the_wallet_does_not_know_is_refused(wallet, mkt, body, field):
    card = await wallet.add_card(mkt, "stu")
    refused = await post_top_up(wallet, mkt, {"amount": {"amount_minor": 100, "currency": "EUR"},
                                              "payment_method_id": card, **body})
    assert refused_fields(refused) == [field]
    await assert_nothing_charged_nor_booked(wallet, mkt)


CARD_FORM = {"number": "4242424242424242", "exp_month": 12, "exp_year": 2099, "cvc": "123"}


@pytest.mark.rule("PL-5")
@pytest.mark.parametrize(("change", "field"), [
    ({"nickname": "mine"}, "nickname"),
    ({"exp_month": True}, "exp_month"),
    ({"exp_year": "2099"}, "exp_year"),
])
async def test_a_card_with_an_unknown_field_or_a_non_integer_expiry_is_refused_at_tokenization(
        wallet, change, field):
    # Cards reach the wallet only as tokens (issue 14): the card form's rules are the processor's.
    refused = await wallet.client.post(TOKENS_PATH, json={**CARD_FORM, **change})
    assert refused.status_code == 422, refused.text
    assert refused.json()["error"]["param"] == field
    assert "4242424242424242" not in refused.text


@pytest.mark.rule("PL-5")
@pytest.mark.parametrize(("change", "field"), [
    ({"amount_minor": "100"}, "amount_minor"),
    ({"amount_minor": True}, "amount_minor"),
    ({"amount_minor": 1.5}, "amount_minor"),
    ({"currency": "EUR"}, "currency"),  # the payment's currency: not the caller's to name
])
async def test_a_card_refund_with_a_non_integer_amount_or_an_unknown_field_is_refused(wallet, mkt, change, field):
    refused = await wallet.client.post("/v1/card-refunds", headers=wallet.auth(mkt, "staff-1", Role.STAFF),
                                       json={"booking_id": "b-1", "reason": "Lesson missed", **change})
    assert refused_fields(refused) == [field]
    assert await wallet.scalar("SELECT count(*) FROM card_refunds WHERE marketplace_id = :mkt", mkt=mkt) == 0


@pytest.mark.rule("PL-5")
async def test_a_statement_in_a_code_that_is_no_currency_is_refused(wallet, mkt):
    refused = await wallet.client.get("/v1/wallet/statement", headers=wallet.auth(mkt, "stu"),
                                      params={"currency": "XXX"})
    assert refused_fields(refused) == ["query.currency"]
