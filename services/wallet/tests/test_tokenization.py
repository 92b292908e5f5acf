"""The sandbox processor's public tokenization route, as a partner's page calls it: card details in, a
single-use token out, any origin allowed, the processor's checks, and nothing of the card echoed."""

from datetime import UTC, datetime

import pytest

from shared.card_data import TOKENIZATION_ROUTE
from wallet.cards.sandbox.card_numbers import (
    DECLINED_CARD,
    FAILS_FIRST_ATTEMPT_CARD,
    INSUFFICIENT_FUNDS_CARD,
    MASTERCARD_SUCCEEDS,
    UNAVAILABLE_CARD,
    VISA_SUCCEEDS,
)
from wallet.cards.sandbox.public_api import TOKENS_PATH

NEXT_YEAR = datetime.now(UTC).year + 1
PARTNER_PAGE = "https://shop.partner.example"


def card_form(**change) -> dict:
    return {"number": "4242 4242 4242 4242", "exp_month": 12, "exp_year": NEXT_YEAR, "cvc": "123", **change}


async def test_card_details_get_a_single_use_token_and_what_may_be_shown(wallet):
    answer = await wallet.client.post(TOKENS_PATH, json=card_form(number="5555-5555-5555-4444"))
    assert answer.status_code == 201, answer.text
    token = answer.json()
    assert token["token"].startswith("tok_") and len(token["token"]) > 30
    assert token["card"] == {"brand": "mastercard", "last4": "4444", "exp_month": 12, "exp_year": NEXT_YEAR}
    assert datetime.fromisoformat(token["expires_at"]) > datetime.now(UTC)
    assert answer.headers["cache-control"] == "no-store"
    assert MASTERCARD_SUCCEEDS not in answer.text and "5555-5555-5555-4444" not in answer.text
    again = await wallet.client.post(TOKENS_PATH, json=card_form(number="5555-5555-5555-4444"))
    assert again.json()["token"] != token["token"], "each tokenization is a new token"


async def test_any_origin_may_tokenize_from_a_browser(wallet):
    preflight = await wallet.client.options(TOKENS_PATH, headers={
        "Origin": PARTNER_PAGE, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 200, preflight.text
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert "access-control-allow-credentials" not in preflight.headers, "it holds no cookies nor secrets"
    posted = await wallet.client.post(TOKENS_PATH, json=card_form(), headers={"Origin": PARTNER_PAGE})
    assert posted.status_code == 201 and posted.headers["access-control-allow-origin"] == "*"


@pytest.mark.rule("PL-5")
@pytest.mark.parametrize(("change", "param", "code"), [
    ({"number": "4242 4242 4242 4241"}, "number", "invalid_number"),          # Luhn
    ({"number": "4242"}, "number", "invalid_number"),
    ({"number": "378282246310005"}, "number", "not_a_test_card"),              # real-looking
    ({"exp_year": 2020}, "exp_year", "expired_card"),
    ({"exp_month": 13}, "exp_month", "invalid_request"),
    ({"cvc": "12"}, "cvc", "invalid_cvc"),
    ({"cvc": "12a"}, "cvc", "invalid_cvc"),
    ({"cvc": None}, "cvc", "invalid_request"),
])
async def test_card_details_the_processor_refuses_name_the_field_and_echo_nothing(wallet, change, param, code):
    form = card_form(**change)
    issued_before = await wallet.scalar("SELECT count(*) FROM sandbox_tokens")
    refused = await wallet.client.post(TOKENS_PATH, json=form)
    assert refused.status_code == 422, refused.text
    assert refused.json()["error"]["param"] == param and refused.json()["error"]["code"] == code
    assert form["number"] not in refused.text and form["number"].replace(" ", "") not in refused.text
    assert await wallet.scalar("SELECT count(*) FROM sandbox_tokens") == issued_before


async def test_the_route_is_the_processors_not_under_our_api(wallet):
    assert not TOKENS_PATH.startswith("/v1/")
    assert TOKENIZATION_ROUTE == f"POST {TOKENS_PATH}", "the route every card-data refusal points to"
    document = (await wallet.client.get("/openapi.json")).json()
    assert TOKENS_PATH not in document["paths"]


@pytest.mark.parametrize(("number", "answer"), [
    (VISA_SUCCEEDS, 201),
    (DECLINED_CARD, 402),
    (INSUFFICIENT_FUNDS_CARD, 402),
    (FAILS_FIRST_ATTEMPT_CARD, 201),  # the wallet's own retry with the same key gets through
    (UNAVAILABLE_CARD, 503),
])
async def test_each_test_card_tokenized_and_saved_tops_up_as_the_docs_say(wallet, mkt, number, answer):
    card = await wallet.add_card(mkt, "stu", number)
    top_up = await wallet.top_up(mkt, "stu", 1500, card)
    assert top_up.status_code == answer, top_up.text
    assert await wallet.credits(mkt, "stu") == (1500 if answer == 201 else 0)
