"""Buying credits with a card: card_processor -> student_credits, or a 402 that moves nothing."""

import pytest

from shared.auth import Identity, Role
from shared.events import CreditsToppedUp, Money
from wallet.cards.sandbox.card_numbers import (
    DECLINED_CARD,
    FAILS_FIRST_ATTEMPT_CARD,
    INSUFFICIENT_FUNDS_CARD,
    UNAVAILABLE_CARD,
)
from wallet.cards.sandbox.processor import SandboxProcessor
from wallet.topups.top_up import charge_key


@pytest.mark.rule("PL-3")
async def test_a_top_up_buys_credits_and_announces_it(wallet, mkt):
    card = await wallet.add_card(mkt, "stu")
    response = await wallet.top_up(mkt, "stu", 2500, card)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["id"].startswith("tu_") and body["charge_id"].startswith("ch_")
    assert body["balance"] == {"amount_minor": 2500, "currency": "EUR"}
    assert await wallet.credits(mkt, "stu") == 2500
    assert await wallet.balance(mkt, "platform", "card_processor") == -2500
    [event] = await wallet.events(mkt, CreditsToppedUp.event_type)
    assert event.subject == "user/stu"
    assert event.data == CreditsToppedUp(student_id="stu", amount=event.data.amount, payment_id=body["id"])


@pytest.mark.parametrize(("number", "code"), [(DECLINED_CARD, "card_declined"),
                                              (INSUFFICIENT_FUNDS_CARD, "insufficient_funds")])
async def test_a_declined_card_is_a_402_with_the_code_and_moves_nothing(wallet, mkt, number, code):
    card = await wallet.add_card(mkt, "stu", number)
    refused = await wallet.top_up(mkt, "stu", 2500, card)
    assert refused.status_code == 402
    problem = refused.json()
    assert problem["code"] == code and problem["type"] == f"/problems/{code.replace('_', '-')}"
    assert problem["detail"].startswith("Your card")
    assert await wallet.postings_count(mkt) == 0
    assert await wallet.events(mkt, CreditsToppedUp.event_type) == []


async def test_a_card_failing_once_is_retried_within_the_request_and_charged_once(wallet, mkt):
    card = await wallet.add_card(mkt, "stu", FAILS_FIRST_ATTEMPT_CARD)
    assert (await wallet.top_up(mkt, "stu", 900, card)).status_code == 201
    assert await wallet.card_charges(mkt) == 1
    assert await wallet.credits(mkt, "stu") == 900


async def test_a_processor_that_stays_down_is_a_503_that_moves_nothing(wallet, mkt):
    card = await wallet.add_card(mkt, "stu", UNAVAILABLE_CARD)
    response = await wallet.top_up(mkt, "stu", 900, card, **{"Idempotency-Key": "down-1"})
    assert response.status_code == 503 and response.headers["retry-after"]
    assert await wallet.postings_count(mkt) == 0


@pytest.mark.rule("PL-4")
async def test_a_repeated_top_up_with_its_idempotency_key_charges_once(wallet, mkt):
    card = await wallet.add_card(mkt, "stu")
    first = await wallet.top_up(mkt, "stu", 1200, card, **{"Idempotency-Key": "tu-1"})
    again = await wallet.top_up(mkt, "stu", 1200, card, **{"Idempotency-Key": "tu-1"})
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again.headers["idempotent-replayed"] == "true"
    assert await wallet.card_charges(mkt) == 1
    assert await wallet.credits(mkt, "stu") == 1200


@pytest.mark.rule("PL-4")
async def test_a_top_up_retried_after_the_wallet_failed_past_the_charge_finds_that_charge(wallet, mkt):
    """The card was charged but the wallet's transaction rolled back (a crash, a 5xx that freed the
    key): the retry under the same Idempotency-Key gets that charge, not a second one."""
    card = await wallet.add_card(mkt, "stu")
    processor_card = await wallet.scalar("SELECT processor_payment_method_id FROM payment_methods WHERE id = :id",
                                         id=card)
    student = Identity("stu", Role.STUDENT, mkt)
    charged = await SandboxProcessor(wallet.runtime.engine, mkt).charge(
        processor_card, Money(amount_minor=700, currency="EUR"), charge_key(student, "lost-1"))
    retried = await wallet.top_up(mkt, "stu", 700, card, **{"Idempotency-Key": "lost-1"})
    assert retried.status_code == 201 and retried.json()["charge_id"] == charged.id
    assert await wallet.card_charges(mkt) == 1
    assert await wallet.credits(mkt, "stu") == 700


@pytest.mark.rule("PL-4")
async def test_a_top_up_repeated_after_its_key_expired_buys_nothing_more(wallet, mkt):
    card = await wallet.add_card(mkt, "stu")
    first = await wallet.top_up(mkt, "stu", 700, card, **{"Idempotency-Key": "old-1"})
    await wallet.execute("DELETE FROM idempotency_keys WHERE key = 'old-1'")  # trimmed by housekeeping
    again = await wallet.top_up(mkt, "stu", 700, card, **{"Idempotency-Key": "old-1"})
    assert again.status_code == 201 and again.json()["id"] == first.json()["id"]
    assert await wallet.credits(mkt, "stu") == 700
    assert len(await wallet.events(mkt, CreditsToppedUp.event_type)) == 1


@pytest.mark.rule("PL-2")
async def test_another_students_card_is_not_found(wallet, mkt):
    theirs = await wallet.add_card(mkt, "stu-b")
    refused = await wallet.top_up(mkt, "stu-a", 500, theirs)
    assert refused.status_code == 404 and refused.json()["type"] == "/problems/payment-method-not-found"
    assert await wallet.card_charges(mkt) == 0


@pytest.mark.rule("PL-5")
@pytest.mark.parametrize(("amount", "field"), [({"amount_minor": 0, "currency": "EUR"}, "amount"),
                                               ({"amount_minor": -5, "currency": "EUR"}, "amount.amount_minor"),
                                               ({"amount_minor": 100, "currency": "euro"}, "amount.currency")])
async def test_a_top_up_of_nothing_or_of_no_currency_is_refused(wallet, mkt, amount, field):
    card = await wallet.add_card(mkt, "stu")
    refused = await wallet.client.post("/v1/wallet/top-ups", headers=wallet.auth(mkt, "stu"),
                                       json={"amount": amount, "payment_method_id": card})
    assert refused.status_code == 422
    assert field in [error["field"] for error in refused.json()["errors"]]
    assert await wallet.postings_count(mkt) == 0
