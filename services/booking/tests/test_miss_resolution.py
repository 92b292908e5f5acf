"""MS-2, PC-1, RF-1: the provider (or staff) resolves a missed lesson on their own, with a promo code
or a refund as credits: booking.miss_resolved.v1 once, the lesson missed for good."""

from datetime import UTC, datetime, timedelta

import pytest

from booking.bookings.deadlines import AUTO_CONFIRM
from booking.misses.remedies import MISS_GRACE

from .misses import RESOLVED, SETTLED, missed_lesson, resolve_report


@pytest.mark.rule("MS-2")
@pytest.mark.rule("PC-1")
@pytest.mark.rule("BK-6")
async def test_the_provider_resolves_their_miss_with_a_promo_code_expiring_by_the_bookings_terms(new_market):
    market = await new_market("lessons", promo_code_valid_days=30)
    provider = await market.provider()
    booking = await missed_lesson(market, provider=provider)
    changed = await market.api.put("/v1/marketplace/policy", headers=market.staff().headers,
                                   json={"preset": "lessons", "overrides": {"promo_code_valid_days": 5}})
    assert changed.status_code == 200  # a later policy: the booking keeps its own terms (BK-6)

    before = datetime.now(UTC)
    response = await market.post(booking["id"], "miss-resolution", provider, {"remedy": "promo_code"})
    assert response.status_code == 200, response.text
    [event] = await market.backstage.announced(RESOLVED, booking["id"])
    assert {k: v for k, v in event.items() if k not in ("resolved_at", "promo_expires_at")} == {
        "booking_id": booking["id"], "student_id": booking["student_id"], "provider_id": provider.user_id,
        "report_id": booking["missed"]["report_id"], "remedy": "promo_code", "resolved_by": "provider",
        "amount": booking["price"]}
    resolved_at = datetime.fromisoformat(event["resolved_at"])
    assert before <= resolved_at <= datetime.now(UTC)
    assert datetime.fromisoformat(event["promo_expires_at"]) == resolved_at + timedelta(days=30)

    shown = response.json()
    assert shown["status"] == "missed"
    resolution = shown["missed"]["resolution"]
    assert (resolution["remedy"], resolution["resolved_by"], resolution["resolved_by_user"]) == (
        "promo_code", "provider", provider.user_id)
    assert datetime.fromisoformat(resolution["promo_expires_at"]) == resolved_at + timedelta(days=30)
    timers = await market.backstage.timers(booking["id"])
    assert MISS_GRACE not in timers and AUTO_CONFIRM not in timers  # never confirmed (paid) as delivered
    [entry] = [e for e in await market.timeline(booking["id"]) if e["type"] == "booking.missed"]
    assert entry["data"]["remedy"] == "promo_code" and entry["data"]["resolved_by"] == "provider"

    # Disputes closes the report for it (decided by the provider): the lesson stays missed, no money moves here.
    await resolve_report(market, booking, "provider_resolved_with_promo_code", "provider")
    assert (await market.get(booking["id"], market.staff()))["status"] == "missed"
    assert await market.backstage.announced(SETTLED, booking["id"]) == []
    assert len(await market.backstage.announced(RESOLVED, booking["id"])) == 1


@pytest.mark.rule("MS-2")
@pytest.mark.rule("RF-1")
async def test_staff_resolve_a_miss_for_the_provider_with_a_refund_as_credits(market):
    booking = await missed_lesson(market, by="provider")
    staff = market.staff("staff-3")
    response = await market.post(booking["id"], "miss-resolution", staff, {"remedy": "credit_refund"})
    assert response.status_code == 200, response.text
    [event] = await market.backstage.announced(RESOLVED, booking["id"])
    assert (event["remedy"], event["resolved_by"], event["amount"], event["promo_expires_at"]) == (
        "credit_refund", "staff", booking["price"], None)
    resolution = response.json()["missed"]["resolution"]
    assert (resolution["remedy"], resolution["resolved_by_user"], resolution["promo_expires_at"]) == (
        "credit_refund", "staff-3", None)


@pytest.mark.rule("MS-2")
@pytest.mark.rule("PL-2")
@pytest.mark.rule("PL-5")
async def test_a_miss_is_resolved_once_by_its_own_provider_and_refused_clearly_otherwise(market):
    student, provider = market.student(), await market.provider("p-own")
    booking = await missed_lesson(market, provider=provider, student=student)

    as_student = await market.post(booking["id"], "miss-resolution", student, {"remedy": "credit_refund"})
    assert as_student.status_code == 403 and as_student.json()["type"] == "/problems/role-required"
    other = await market.provider("p-other")
    as_other = await market.post(booking["id"], "miss-resolution", other, {"remedy": "credit_refund"})
    assert as_other.status_code == 404 and as_other.json()["type"] == "/problems/booking-not-found"
    not_theirs = await market.post(booking["id"], "miss-resolution", provider, {"remedy": "platform_refund"})
    assert not_theirs.status_code == 422 and not_theirs.json()["errors"][0]["field"] == "remedy"
    assert await market.backstage.announced(RESOLVED, booking["id"]) == []

    first = await market.post(booking["id"], "miss-resolution", provider, {"remedy": "credit_refund"})
    assert first.status_code == 200, first.text
    again = await market.post(booking["id"], "miss-resolution", provider, {"remedy": "promo_code"})
    assert again.status_code == 409 and again.json()["type"] == "/problems/miss-already-resolved"
    assert again.json()["remedy"] == "credit_refund"
    assert len(await market.backstage.announced(RESOLVED, booking["id"])) == 1

    attended = await market.paid_lesson(provider=provider)
    not_missed = await market.post(attended["id"], "miss-resolution", provider, {"remedy": "promo_code"})
    assert not_missed.status_code == 409 and not_missed.json()["type"] == "/problems/not-missed"
    assert (await market.get(attended["id"], provider))["status"] == "confirmed"
