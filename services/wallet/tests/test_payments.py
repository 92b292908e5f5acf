"""booking.booking_requested.v1: the price goes into escrow, from credits or a card, or the booking
hears why not. Handled as the consumer does it (inbox claim, handler, commit)."""

import asyncio

import pytest

from shared.events import PaymentCaptured, PaymentFailed
from wallet.cards.errors import ProcessorUnavailable
from wallet.cards.sandbox.card_numbers import DECLINED_CARD, FAILS_FIRST_ATTEMPT_CARD, INSUFFICIENT_FUNDS_CARD


async def funded(wallet, mkt: str, student: str, amount: int) -> str:
    card = await wallet.add_card(mkt, student)
    assert (await wallet.top_up(mkt, student, amount, card)).status_code == 201
    return card


@pytest.mark.rule("BK-2")
async def test_a_booking_paid_with_credits_is_held_in_escrow_not_yet_the_providers(wallet, mkt):
    await funded(wallet, mkt, "stu", 5000)
    await wallet.handle(wallet.requested(mkt, "b-1", "stu", 1500))

    [captured] = await wallet.events(mkt, PaymentCaptured.event_type, subject="booking/b-1")
    assert captured.data.payment_id.startswith("pay_") and captured.data.method == "credits"
    assert captured.data.amount.amount_minor == 1500
    assert await wallet.credits(mkt, "stu") == 3500
    assert await wallet.held(mkt, "b-1") == 1500
    assert await wallet.balance(mkt, "pro-1", "provider_earnings") == 0
    assert await wallet.ledger_totals(mkt) == {"EUR": 0}


@pytest.mark.rule("BK-2")
async def test_credits_that_do_not_cover_the_price_fail_the_payment_with_a_reason(wallet, mkt):
    await funded(wallet, mkt, "stu", 1000)
    before = await wallet.postings_count(mkt)
    await wallet.handle(wallet.requested(mkt, "b-1", "stu", 1500))
    await wallet.handle(wallet.requested(mkt, "b-2", "stu", 1000, currency="USD"))  # credits are per currency

    failures = await wallet.events(mkt, PaymentFailed.event_type)
    assert [(f.subject, f.data.code) for f in failures] == [("booking/b-1", "insufficient_credits"),
                                                              ("booking/b-2", "insufficient_credits")]
    assert failures[0].data.reason.startswith("Your wallet credits don't cover this lesson")
    assert await wallet.postings_count(mkt) == before and await wallet.credits(mkt, "stu") == 1000


@pytest.mark.rule("BK-2")
async def test_a_booking_paid_by_card_charges_it_once_keyed_by_the_booking(wallet, mkt):
    card = await wallet.add_card(mkt, "stu")
    await wallet.handle(wallet.requested(mkt, "b-1", "stu", 2000, method="card", payment_method_id=card))

    [captured] = await wallet.events(mkt, PaymentCaptured.event_type, subject="booking/b-1")
    assert captured.data.method == "card"
    assert await wallet.card_charges(mkt, idempotency_key="b-1") == 1
    assert await wallet.held(mkt, "b-1") == 2000
    assert await wallet.balance(mkt, "platform", "card_processor") == -2000


@pytest.mark.parametrize(("number", "code"), [(DECLINED_CARD, "card_declined"),
                                              (INSUFFICIENT_FUNDS_CARD, "insufficient_funds")])
async def test_a_declined_card_fails_the_payment_and_moves_nothing(wallet, mkt, number, code):
    card = await wallet.add_card(mkt, "stu", number)
    await wallet.handle(wallet.requested(mkt, "b-1", "stu", 2000, method="card", payment_method_id=card))
    [failed] = await wallet.events(mkt, PaymentFailed.event_type, subject="booking/b-1")
    assert failed.data.code == code and failed.data.reason.startswith("Your card")
    assert await wallet.postings_count(mkt) == 0


@pytest.mark.rule("PL-2")
async def test_a_card_that_is_not_the_students_fails_the_payment(wallet, mkt):
    someone_elses = await wallet.add_card(mkt, "stu-b")
    await wallet.handle(wallet.requested(mkt, "b-1", "stu-a", 2000, method="card", payment_method_id=someone_elses))
    await wallet.handle(wallet.requested(mkt, "b-2", "stu-a", 2000, method="card", payment_method_id=None))
    codes = [f.data.code for f in await wallet.events(mkt, PaymentFailed.event_type)]
    assert codes == ["payment_method_not_found", "payment_method_not_found"]
    assert await wallet.card_charges(mkt) == 0


@pytest.mark.rule("RF-3")
async def test_the_same_request_again_under_any_event_id_is_answered_once(wallet, mkt):
    card = await wallet.add_card(mkt, "stu")
    request = wallet.requested(mkt, "b-1", "stu", 2000, method="card", payment_method_id=card)
    await wallet.handle(request)
    await wallet.handle(request)  # redelivered: the inbox absorbs it
    await wallet.handle(wallet.requested(mkt, "b-1", "stu", 2000, method="card", payment_method_id=card))
    assert len(await wallet.events(mkt, PaymentCaptured.event_type)) == 1
    assert await wallet.card_charges(mkt) == 1
    assert await wallet.transaction_kinds(mkt, "b-1") == ["capture"]


async def test_a_failed_payment_is_not_retried_by_a_repeat_of_the_request(wallet, mkt):
    await wallet.handle(wallet.requested(mkt, "b-1", "stu", 1500))
    await funded(wallet, mkt, "stu", 5000)  # too late for this booking: it was released already
    await wallet.handle(wallet.requested(mkt, "b-1", "stu", 1500))
    assert len(await wallet.events(mkt, PaymentFailed.event_type)) == 1
    assert await wallet.events(mkt, PaymentCaptured.event_type) == []


async def test_a_processor_error_leaves_nothing_behind_and_the_retry_charges_once(wallet, mkt):
    card = await wallet.add_card(mkt, "stu", FAILS_FIRST_ATTEMPT_CARD)
    request = wallet.requested(mkt, "b-1", "stu", 2000, method="card", payment_method_id=card)
    with pytest.raises(ProcessorUnavailable):
        await wallet.handle(request)
    assert await wallet.postings_count(mkt) == 0 and await wallet.events(mkt, PaymentCaptured.event_type) == []
    assert await wallet.scalar("SELECT count(*) FROM payments WHERE marketplace_id = :mkt", mkt=mkt) == 0
    await wallet.handle(request)  # the consumer's retry of the same message
    assert len(await wallet.events(mkt, PaymentCaptured.event_type)) == 1
    assert await wallet.card_charges(mkt, "b-1") == 1


@pytest.mark.rule("PL-3")
async def test_concurrent_bookings_never_spend_the_same_credits_twice(wallet, mkt):
    await funded(wallet, mkt, "stu", 3000)
    await asyncio.gather(*(wallet.handle(wallet.requested(mkt, f"b-{i}", "stu", 1000)) for i in range(8)))
    assert len(await wallet.events(mkt, PaymentCaptured.event_type)) == 3
    assert len(await wallet.events(mkt, PaymentFailed.event_type)) == 5
    assert await wallet.credits(mkt, "stu") == 0


async def test_a_free_lesson_is_captured_without_moving_money(wallet, mkt):
    await wallet.handle(wallet.requested(mkt, "b-1", "stu", 0))
    [captured] = await wallet.events(mkt, PaymentCaptured.event_type)
    assert captured.data.amount.amount_minor == 0
    assert await wallet.transaction_kinds(mkt, "b-1") == ["capture"] and await wallet.postings_count(mkt) == 0
