"""Saving cards: tokenized by the processor, shown by brand and last four digits, each student's own."""

import pytest

from shared.auth import Role


@pytest.mark.rule("PL-2")
async def test_a_student_saves_a_card_and_lists_only_their_own(wallet, mkt):
    created = await wallet.client.post("/v1/payment-methods", headers=wallet.auth(mkt, "stu-a"), json={
        "card_number": "4242 4242 4242 4242", "exp_month": 12, "exp_year": 2099, "cvc": "123"})
    assert created.status_code == 201, created.text
    card = created.json()
    assert card["id"].startswith("pm_") and (card["brand"], card["last4"]) == ("visa", "4242")
    await wallet.add_card(mkt, "stu-b", "5555555555554444")

    listed = await wallet.client.get("/v1/payment-methods", headers=wallet.auth(mkt, "stu-a"))
    assert [m["id"] for m in listed.json()["items"]] == [card["id"]]
    elsewhere = await wallet.client.get("/v1/payment-methods", headers=wallet.auth("mkt-other", "stu-a"))
    assert elsewhere.json()["items"] == []


async def test_neither_the_full_number_nor_the_cvc_is_stored_anywhere(wallet, mkt):
    await wallet.client.post("/v1/payment-methods", headers=wallet.auth(mkt, "stu"), json={
        "card_number": "4000000000009995", "exp_month": 12, "exp_year": 2099, "cvc": "987"})
    for table in ("payment_methods", "sandbox_cards"):
        rows = await wallet.rows(f"SELECT * FROM {table} WHERE marketplace_id = :mkt", mkt=mkt)
        assert len(rows) == 1
        values = [str(value) for value in rows[0]]
        # A stored number would contain the digits; a stored cvc would be a value of its own (ids and
        # timestamps may contain "987" by chance, so a substring test would be flaky).
        assert not any("4000000000009995" in value for value in values) and "987" not in values


@pytest.mark.rule("PL-5")
@pytest.mark.parametrize(("card", "field"), [
    ({"card_number": "4242424242424241", "exp_month": 12, "exp_year": 2099, "cvc": "123"}, "card_number"),
    ({"card_number": "4242424242424242", "exp_month": 1, "exp_year": 2020, "cvc": "123"}, "exp_year"),
    ({"card_number": "4242424242424242", "exp_month": 13, "exp_year": 2099, "cvc": "123"}, "exp_month"),
    ({"card_number": "4242424242424242", "exp_month": 12, "exp_year": 2099}, "cvc"),
])
async def test_a_card_it_cannot_take_is_refused_naming_the_field(wallet, mkt, card, field):
    refused = await wallet.client.post("/v1/payment-methods", headers=wallet.auth(mkt, "stu"), json=card)
    assert refused.status_code == 422, refused.text
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert field in [error["field"] for error in refused.json()["errors"]]
    assert await wallet.scalar("SELECT count(*) FROM payment_methods WHERE marketplace_id = :mkt", mkt=mkt) == 0


@pytest.mark.rule("PL-2")
async def test_only_students_save_cards(wallet, mkt):
    refused = await wallet.client.post("/v1/payment-methods", headers=wallet.auth(mkt, "pro", Role.PROVIDER), json={
        "card_number": "4242424242424242", "exp_month": 12, "exp_year": 2099, "cvc": "123"})
    assert refused.status_code == 403
    assert (await wallet.client.get("/v1/payment-methods")).status_code == 401
