"""PC-1: a missed lesson turned into a promo code worth its price, held from its escrow, once; given
back to the student as credits if it expires unused."""

import re
from datetime import UTC, datetime, timedelta

import pytest

from shared.events import EarningsClawedBack, PromoCodeExpired, PromoCodeIssued, RefundIssued

from .missed_facts import fire_promo_expiry, miss_resolved, paid, promo_timer_due_at


async def issued_code(wallet, mkt: str, booking_id: str = "b-1") -> PromoCodeIssued:
    [issued] = await wallet.events(mkt, PromoCodeIssued.event_type, subject=f"booking/{booking_id}")
    return issued.data


@pytest.mark.rule("PC-1")
@pytest.mark.rule("MS-2")
async def test_a_provider_resolves_a_miss_with_a_single_promo_code_worth_the_lesson(wallet, mkt):
    await paid(wallet, mkt, "b-1", 4000)
    expires_at = datetime.now(UTC) + timedelta(days=90)
    resolved = miss_resolved(wallet, mkt, "b-1", 4000, remedy="promo_code", promo_expires_at=expires_at)
    await wallet.handle(resolved)
    await wallet.handle(resolved)
    await wallet.handle(miss_resolved(wallet, mkt, "b-1", 4000, remedy="promo_code", promo_expires_at=expires_at))

    promo = await issued_code(wallet, mkt)
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{10}", promo.code)
    assert (promo.student_id, promo.provider_id, promo.value.amount_minor) == ("stu", "pro-1", 4000)
    assert promo.expires_at == expires_at
    assert await promo_timer_due_at(wallet, promo.promo_code_id) == expires_at
    assert await wallet.held(mkt, "b-1") == 0
    assert await wallet.balance(mkt, promo.promo_code_id, "promo_codes") == 4000
    assert await wallet.transaction_kinds(mkt, "b-1") == ["capture", "promo_issue"]
    assert await wallet.credits(mkt, "stu") == 0  # the value waits in the code, not in the wallet
    assert await wallet.events(mkt, RefundIssued.event_type) == []


@pytest.mark.rule("PC-1")
@pytest.mark.rule("MS-3")
async def test_a_promo_code_for_a_lesson_paid_out_already_claws_the_payout_back_first(wallet, mkt):
    await paid(wallet, mkt, "b-1", 2000)
    await wallet.handle(wallet.delivered(mkt, "b-1", "stu", 2000, fee_bps=1000))
    await wallet.handle(miss_resolved(wallet, mkt, "b-1", 2000, remedy="promo_code"))

    promo = await issued_code(wallet, mkt)
    assert promo.value.amount_minor == 2000
    [clawback] = await wallet.events(mkt, EarningsClawedBack.event_type)
    assert (clawback.data.from_provider.amount_minor, clawback.data.from_platform_fee.amount_minor) == (1800, 200)
    assert await wallet.balance(mkt, "pro-1", "provider_earnings") == 0
    assert await wallet.transaction_kinds(mkt, "b-1") == ["capture", "payout", "clawback", "promo_issue"]


@pytest.mark.rule("PC-1")
async def test_a_promo_code_unused_by_its_expiry_goes_back_to_the_student_as_credits(wallet, mkt):
    await paid(wallet, mkt, "b-1", 3500)
    await wallet.handle(miss_resolved(wallet, mkt, "b-1", 3500, remedy="promo_code"))
    promo = await issued_code(wallet, mkt)

    assert await fire_promo_expiry(wallet, promo.promo_code_id) >= 1

    [expired] = await wallet.events(mkt, PromoCodeExpired.event_type)
    assert (expired.data.code, expired.data.value.amount_minor) == (promo.code, 3500)
    [refund] = await wallet.events(mkt, RefundIssued.event_type)
    assert (refund.data.amount.amount_minor, refund.data.destination) == (3500, "credits")
    assert "expired unused" in refund.data.reason and refund.data.booking_id == "b-1"
    assert await wallet.credits(mkt, "stu") == 3500
    assert await wallet.balance(mkt, promo.promo_code_id, "promo_codes") == 0
    assert await wallet.scalar("SELECT status FROM promo_codes WHERE id = :id", id=promo.promo_code_id) == "expired"
    assert await promo_timer_due_at(wallet, promo.promo_code_id) is None
    assert await wallet.ledger_totals(mkt) == {"EUR": 0}
