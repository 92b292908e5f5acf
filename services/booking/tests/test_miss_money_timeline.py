"""The wallet's money steps of a missed lesson on the booking's timeline, once each, the promo code
itself kept out of what both parties read (issue 5: every step is on the timeline)."""

from datetime import UTC, datetime, timedelta

import pytest

from shared.events import EarningsClawedBack, Money, PromoCodeExpired, PromoCodeIssued, PromoCodeRedeemed
from shared.events.wallet import SignedMoney

from .misses import missed_lesson


def _subject(booking: dict) -> str:
    return f"booking/{booking['id']}"


@pytest.mark.rule("PC-1")
@pytest.mark.rule("PC-2")
async def test_a_promo_code_issued_used_and_a_clawback_show_on_the_timelines_once(market):
    provider = await market.provider()
    missed = await missed_lesson(market, provider=provider)
    replacement = await market.paid_lesson(provider=provider)
    value = Money(**missed["price"])
    issued = PromoCodeIssued(promo_code_id="promo-1", code="K7QW2M9XRT", booking_id=missed["id"],
                             student_id=missed["student_id"], provider_id=provider.user_id, value=value,
                             expires_at=datetime.now(UTC) + timedelta(days=90))
    first = await market.wallet.publish(issued, subject=_subject(missed))
    await market.wallet.publish(issued, envelope=first)  # delivered twice
    await market.wallet.handled(first, deliveries=2)
    await market.wallet.publish(issued, subject=_subject(missed))  # announced again
    await market.wallet.publish(PromoCodeRedeemed(
        promo_code_id="promo-1", code="K7QW2M9XRT", booking_id=replacement["id"], missed_booking_id=missed["id"],
        student_id=missed["student_id"], provider_id=provider.user_id, applied=value), subject=_subject(replacement))
    zero = Money(amount_minor=0, currency=value.currency)
    await market.wallet.publish(EarningsClawedBack(
        booking_id=missed["id"], provider_id=provider.user_id, amount=value, from_provider=value,
        from_platform_fee=zero,
        earnings_balance_after=SignedMoney(amount_minor=-value.amount_minor, currency=value.currency)),
        subject=_subject(missed))

    on_missed = await market.timeline(missed["id"])
    issued_entries = [e for e in on_missed if e["type"] == "wallet.promo_code_issued"]
    assert len(issued_entries) == 1 and issued_entries[0]["service"] == "wallet"
    assert "K7QW2M9XRT" not in str(on_missed), "the code reaches the student by their alerts, not the timeline"
    assert [e["type"] for e in on_missed].count("wallet.earnings_clawed_back") == 1
    on_replacement = [e for e in await market.timeline(replacement["id"]) if e["type"] == "wallet.promo_code_redeemed"]
    assert len(on_replacement) == 1 and missed["id"] in on_replacement[0]["summary"]


@pytest.mark.rule("PC-1")
async def test_an_expired_promo_code_shows_on_the_missed_lessons_timeline(market):
    missed = await missed_lesson(market)
    await market.wallet.publish(PromoCodeExpired(
        promo_code_id="promo-2", code="ZZ9PLURALZ", booking_id=missed["id"], student_id=missed["student_id"],
        provider_id=missed["provider_id"], value=Money(**missed["price"])), subject=_subject(missed))
    [entry] = [e for e in await market.timeline(missed["id"]) if e["type"] == "wallet.promo_code_expired"]
    assert "went back to the student as credits" in entry["summary"] and "code" not in entry["data"]
