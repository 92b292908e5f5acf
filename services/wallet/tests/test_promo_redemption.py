"""PC-2: booking with a promo code costs nothing up to its value, the payment method pays the rest; the
provider is paid once, when the replacement is delivered; the code serves its own student, with its own
provider, once, before it expires."""

from datetime import UTC, datetime, timedelta

import pytest

from shared.events import PaymentCaptured, PaymentFailed, PromoCodeIssued, PromoCodeRedeemed, ProviderPaid, RefundIssued

from .missed_facts import miss_resolved, paid, with_promo_code


async def promo_for_missed_lesson(wallet, mkt: str, price: int, **resolved) -> PromoCodeIssued:
    await paid(wallet, mkt, "missed", price)
    await wallet.handle(miss_resolved(wallet, mkt, "missed", price, remedy="promo_code", **resolved))
    [issued] = await wallet.events(mkt, PromoCodeIssued.event_type)
    return issued.data


async def book_with_code(wallet, mkt: str, booking_id: str, code: str, price: int, student: str = "stu",
                         provider: str = "pro-1", **request) -> None:
    await wallet.handle(with_promo_code(wallet.requested(mkt, booking_id, student, price, provider=provider,
                                                         **request), code))


@pytest.mark.rule("PC-2")
async def test_a_booking_with_the_code_costs_nothing_and_the_provider_is_paid_once_on_delivery(wallet, mkt):
    promo = await promo_for_missed_lesson(wallet, mkt, 3000)
    await book_with_code(wallet, mkt, "replacement", promo.code.lower(), 3000)  # typed in lower case

    [captured] = await wallet.events(mkt, PaymentCaptured.event_type, subject="booking/replacement")
    assert (captured.data.method, captured.data.promo_code_id) == ("promo_code", promo.promo_code_id)
    [redeemed] = await wallet.events(mkt, PromoCodeRedeemed.event_type)
    assert (redeemed.data.missed_booking_id, redeemed.data.applied.amount_minor) == ("missed", 3000)
    assert await wallet.credits(mkt, "stu") == 0
    assert await wallet.held(mkt, "replacement") == 3000
    assert await wallet.balance(mkt, promo.promo_code_id, "promo_codes") == 0

    await wallet.handle(wallet.delivered(mkt, "replacement", "stu", 3000, fee_bps=1000))
    [payout] = await wallet.events(mkt, ProviderPaid.event_type)
    assert (payout.data.booking_id, payout.data.net.amount_minor) == ("replacement", 2700)
    assert await wallet.balance(mkt, "pro-1", "provider_earnings") == 2700  # once, for both lessons
    assert await wallet.transaction_kinds(mkt, "missed") == ["capture", "promo_issue"]
    assert await wallet.ledger_totals(mkt) == {"EUR": 0}


@pytest.mark.rule("PC-2")
async def test_a_dearer_replacement_takes_the_rest_from_credits_in_the_same_capture(wallet, mkt):
    promo = await promo_for_missed_lesson(wallet, mkt, 2000)
    card = await wallet.add_card(mkt, "stu")
    await wallet.top_up(mkt, "stu", 1000, card)
    await book_with_code(wallet, mkt, "replacement", promo.code, 2500)

    [captured] = await wallet.events(mkt, PaymentCaptured.event_type, subject="booking/replacement")
    assert (captured.data.method, captured.data.promo_code_id) == ("credits", promo.promo_code_id)
    assert await wallet.credits(mkt, "stu") == 500
    assert await wallet.held(mkt, "replacement") == 2500
    assert await wallet.transaction_kinds(mkt, "replacement") == ["capture"]


@pytest.mark.rule("PC-2")
async def test_a_dearer_replacement_charges_the_card_the_rest_and_a_later_refund_goes_to_credits(wallet, mkt):
    promo = await promo_for_missed_lesson(wallet, mkt, 2000)
    card = await wallet.add_card(mkt, "stu")
    await book_with_code(wallet, mkt, "replacement", promo.code, 2600, method="card", payment_method_id=card)

    [captured] = await wallet.events(mkt, PaymentCaptured.event_type, subject="booking/replacement")
    assert captured.data.method == "card"
    assert await wallet.scalar("SELECT amount_minor FROM sandbox_charges WHERE marketplace_id = :mkt "
                               "AND idempotency_key = 'replacement'", mkt=mkt) == 600
    await wallet.handle(wallet.declined(mkt, "replacement", "stu", 2600))
    [refund] = await wallet.events(mkt, RefundIssued.event_type, subject="booking/replacement")
    assert (refund.data.destination, refund.data.amount.amount_minor) == ("credits", 2600)


@pytest.mark.rule("PC-2")
async def test_a_cheaper_replacement_leaves_the_rest_of_the_code_to_the_students_credits(wallet, mkt):
    promo = await promo_for_missed_lesson(wallet, mkt, 3000)
    await book_with_code(wallet, mkt, "replacement", promo.code, 1800)

    [refund] = await wallet.events(mkt, RefundIssued.event_type, subject="booking/missed")
    assert refund.data.amount.amount_minor == 1200 and "what was left" in refund.data.reason
    assert await wallet.credits(mkt, "stu") == 1200
    assert await wallet.balance(mkt, promo.promo_code_id, "promo_codes") == 0
    assert await wallet.held(mkt, "replacement") == 1800


REFUSALS = {
    "another student": ({"student": "stu-2"}, "issued to another student"),
    "another provider": ({"provider": "pro-2"}, "another provider"),
    "unknown code": ({"code": "ZZZZZZZZZZ"}, "doesn't exist"),
}


@pytest.mark.rule("PC-2")
@pytest.mark.parametrize("case", list(REFUSALS))
async def test_a_code_is_refused_to_another_student_another_provider_and_when_unknown(wallet, mkt, case):
    promo = await promo_for_missed_lesson(wallet, mkt, 2000)
    overrides, reason = REFUSALS[case]
    student = overrides.get("student", "stu")
    await book_with_code(wallet, mkt, "other", overrides.get("code", promo.code), 2000, student=student,
                         provider=overrides.get("provider", "pro-1"))

    [failed] = await wallet.events(mkt, PaymentFailed.event_type)
    assert failed.data.code == "promo_code_refused" and reason in failed.data.reason
    assert await wallet.held(mkt, "other") == 0
    assert await wallet.balance(mkt, promo.promo_code_id, "promo_codes") == 2000
    assert await wallet.scalar("SELECT status FROM promo_codes WHERE id = :id", id=promo.promo_code_id) == "active"


@pytest.mark.rule("PC-2")
async def test_a_code_is_refused_the_second_time(wallet, mkt):
    promo = await promo_for_missed_lesson(wallet, mkt, 2000)
    await book_with_code(wallet, mkt, "first", promo.code, 2000)
    await book_with_code(wallet, mkt, "second", promo.code, 2000)

    [failed] = await wallet.events(mkt, PaymentFailed.event_type)
    assert failed.data.booking_id == "second" and failed.data.code == "promo_code_refused"
    assert "already used" in failed.data.reason
    assert await wallet.held(mkt, "first") == 2000 and await wallet.held(mkt, "second") == 0
    assert len(await wallet.events(mkt, PromoCodeRedeemed.event_type)) == 1


@pytest.mark.rule("PC-2")
async def test_a_code_is_refused_after_it_expires(wallet, mkt):
    promo = await promo_for_missed_lesson(wallet, mkt, 2000,
                                          promo_expires_at=datetime.now(UTC) - timedelta(seconds=1))
    await book_with_code(wallet, mkt, "late", promo.code, 2000)

    [failed] = await wallet.events(mkt, PaymentFailed.event_type)
    assert failed.data.code == "promo_code_refused" and "expired on" in failed.data.reason
    assert await wallet.held(mkt, "late") == 0
