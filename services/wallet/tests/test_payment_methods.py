"""Saving cards: the partner's page tokenizes the card with the processor, the wallet takes only the
token, keeps what the processor answers (its payment method id, brand, last four digits, expiry), and
each student sees only their own."""

import pytest

from shared.auth import Role
from wallet.cards.sandbox.card_numbers import INSUFFICIENT_FUNDS_CARD, TEST_CARDS
from wallet.cards.sandbox.docs import grouped


@pytest.mark.rule("PL-2")
async def test_a_student_saves_a_card_by_its_token_and_lists_only_their_own(wallet, mkt):
    created = await wallet.save_card(mkt, "stu-a", await wallet.tokenize("4242 4242 4242 4242"))
    assert created.status_code == 201, created.text
    card = created.json()
    assert card["id"].startswith("pm_") and (card["brand"], card["last4"]) == ("visa", "4242")
    assert card["exp_month"] == 12 and card["exp_year"] > 2025
    await wallet.add_card(mkt, "stu-b", "5555555555554444")

    listed = await wallet.client.get("/v1/payment-methods", headers=wallet.auth(mkt, "stu-a"))
    assert [m["id"] for m in listed.json()["items"]] == [card["id"]]
    elsewhere = await wallet.client.get("/v1/payment-methods", headers=wallet.auth("mkt-other", "stu-a"))
    assert elsewhere.json()["items"] == []


async def test_the_wallet_keeps_the_processors_payment_method_never_the_token(wallet, mkt):
    token = await wallet.tokenize(INSUFFICIENT_FUNDS_CARD, cvc="987")
    method = (await wallet.save_card(mkt, "stu", token)).json()
    [row] = await wallet.rows("SELECT * FROM payment_methods WHERE id = :id", id=method["id"])
    assert row.processor == "sandbox" and row.processor_payment_method_id.startswith("card_")
    assert (row.brand, row.last4) == ("visa", "9995")
    values = [str(value) for value in row]
    assert not any(token in value or INSUFFICIENT_FUNDS_CARD in value for value in values)
    # A stored cvc would be a value of its own (ids and timestamps may contain "987" by chance).
    assert "987" not in values


@pytest.mark.rule("PL-5")
@pytest.mark.parametrize(("spent", "code"), [(True, "token_used"), (False, "token_unknown")])
async def test_a_used_or_unknown_token_is_refused_saying_to_tokenize_again(wallet, mkt, spent, code):
    token = await wallet.tokenize() if spent else "tok_0123456789abcdef0123456789abcdef01234567"
    if spent:
        assert (await wallet.save_card(mkt, "stu-1", token)).status_code == 201
    refused = await wallet.save_card(mkt, "stu-2", token)
    assert refused.status_code == 422, refused.text
    problem = refused.json()
    assert (problem["type"], problem["code"]) == ("/problems/card-token-refused", code)
    assert problem["errors"][0]["field"] == "token" and "tokenize the card again" in problem["detail"]
    assert token not in refused.text
    assert await wallet.scalar("SELECT count(*) FROM payment_methods WHERE marketplace_id = :mkt "
                               "AND student_id = 'stu-2'", mkt=mkt) == 0


@pytest.mark.rule("PL-5")
@pytest.mark.parametrize(("body", "field"), [
    ({}, "token"),
    ({"token": ""}, "token"),
    ({"token": 42}, "token"),
    ({"token": "tok_1", "nickname": "mine"}, "nickname"),
])
async def test_a_body_without_a_token_is_refused_naming_the_field(wallet, mkt, body, field):
    refused = await wallet.client.post("/v1/payment-methods", headers=wallet.auth(mkt, "stu"), json=body)
    assert refused.status_code == 422, refused.text
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert field in [error["field"] for error in refused.json()["errors"]]
    assert await wallet.scalar("SELECT count(*) FROM payment_methods WHERE marketplace_id = :mkt", mkt=mkt) == 0


@pytest.mark.rule("PL-5")
@pytest.mark.parametrize(("card", "field"), [
    ({"card_number": "4242424242424242", "exp_month": 12, "exp_year": 2099, "cvc": "123"}, "card_number"),
    ({"token": "tok_1", "card": {"number": "4242 4242 4242 4242"}}, "card.number"),
    ({"token": "tok_1", "cvc": "123"}, "cvc"),
])
async def test_card_details_sent_to_the_wallet_are_refused_pointing_to_tokenization(wallet, mkt, card, field):
    refused = await wallet.client.post("/v1/payment-methods", headers=wallet.auth(mkt, "stu"), json=card)
    assert refused.status_code == 422, refused.text
    problem = refused.json()
    assert problem["type"] == "/problems/card-data-refused"
    assert problem["errors"][0]["field"] == field
    assert "/sandbox-processor/v1/tokens" in problem["detail"] and "4242" not in refused.text
    assert await wallet.scalar("SELECT count(*) FROM payment_methods WHERE marketplace_id = :mkt", mkt=mkt) == 0


@pytest.mark.rule("PL-2")
async def test_only_students_save_cards(wallet, mkt):
    refused = await wallet.client.post("/v1/payment-methods", headers=wallet.auth(mkt, "pro", Role.PROVIDER),
                                       json={"token": await wallet.tokenize()})
    assert refused.status_code == 403
    assert (await wallet.client.get("/v1/payment-methods")).status_code == 401


async def test_the_operation_documents_the_tokenization_route_and_every_test_card(wallet):
    document = (await wallet.client.get("/openapi.json")).json()
    operation = document["paths"]["/v1/payment-methods"]["post"]
    assert "POST /sandbox-processor/v1/tokens" in operation["description"]
    assert all(grouped(number) in operation["description"] for number in TEST_CARDS)
    schema = document["components"]["schemas"]["CardTokenIn"]
    assert set(schema["properties"]) == {"token"} and schema["required"] == ["token"]
