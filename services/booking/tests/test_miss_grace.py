"""MS-3: a miss the provider leaves unresolved through the grace period is refunded by the platform
and counts against the provider (PS-1), once per booking; staff's card refund of an unresolved miss
resolves it too; a miss resolved in time, or settled by its report, leaves nothing for the timer."""

from datetime import datetime, timedelta

import pytest

from booking.misses.remedies import MISS_GRACE
from shared.events import Money, RefundIssued

from .misses import MISSED, RESOLVED, SETTLED, STRIKE, missed_lesson, resolve_report


@pytest.mark.rule("MS-3")
@pytest.mark.rule("BK-6")
async def test_the_grace_period_runs_from_the_miss_under_the_bookings_terms(new_market):
    market = await new_market("lessons", miss_grace_hours=48)
    booking = await missed_lesson(market)
    due = (await market.backstage.timers(booking["id"]))[MISS_GRACE]
    missed_at = datetime.fromisoformat(booking["missed"]["missed_at"])
    assert due == missed_at + timedelta(hours=48)
    assert datetime.fromisoformat(booking["missed"]["grace_ends_at"]) == due


@pytest.mark.rule("MS-3")
@pytest.mark.rule("PS-1")
async def test_an_unresolved_miss_is_refunded_by_the_platform_and_counts_against_the_provider_once(market):
    provider = await market.provider()
    booking = await missed_lesson(market, provider=provider)
    assert await market.backstage.fire(MISS_GRACE, booking["id"]) == 1

    [event] = await market.backstage.announced(RESOLVED, booking["id"])
    assert (event["remedy"], event["resolved_by"], event["amount"], event["promo_expires_at"]) == (
        "platform_refund", "platform", booking["price"], None)
    assert event["report_id"] == booking["missed"]["report_id"]
    [strike] = await market.backstage.announced(STRIKE, booking["id"])
    assert strike["kind"] == "miss" and strike["provider_id"] == provider.user_id
    shown = await market.get(booking["id"], market.staff())
    assert shown["status"] == "missed" and shown["missed"]["resolution"]["remedy"] == "platform_refund"
    late = await market.post(booking["id"], "miss-resolution", provider, {"remedy": "promo_code"})
    assert late.status_code == 409 and late.json()["type"] == "/problems/miss-already-resolved"

    # Replays: the timer set again (a stale replica's) and the report announced again change nothing.
    await market.backstage.set_due_timer(MISS_GRACE, booking["id"], market.id)
    assert await market.backstage.fire_due() >= 1
    await market.disputes.report(booking, kind="provider_absent", report_id=booking["missed"]["report_id"])
    assert MISS_GRACE not in await market.backstage.timers(booking["id"])
    assert len(await market.backstage.announced(RESOLVED, booking["id"])) == 1
    assert len(await market.backstage.announced(MISSED, booking["id"])) == 1
    assert await market.backstage.strikes(market.id, provider.user_id) == ["miss"]


@pytest.mark.rule("MS-3")
async def test_a_miss_resolved_in_time_leaves_nothing_for_the_grace_period(market):
    provider = await market.provider()
    booking = await missed_lesson(market, provider=provider)
    assert (await market.post(booking["id"], "miss-resolution", provider, {"remedy": "promo_code"})).status_code == 200
    assert MISS_GRACE not in await market.backstage.timers(booking["id"])

    await market.backstage.set_due_timer(MISS_GRACE, booking["id"], market.id)  # had it fired anyway
    assert await market.backstage.fire_due() >= 1
    [event] = await market.backstage.announced(RESOLVED, booking["id"])
    assert event["remedy"] == "promo_code"
    assert await market.backstage.strikes(market.id, provider.user_id) == []


@pytest.mark.rule("MS-3")
@pytest.mark.rule("RF-2")
async def test_staffs_card_refund_of_an_unresolved_miss_resolves_it_and_counts_as_a_miss(market):
    provider = await market.provider()
    booking = await missed_lesson(market, provider=provider)
    refund = RefundIssued(booking_id=booking["id"], refund_id="card-refund-1", student_id=booking["student_id"],
                          amount=Money(**booking["price"]), destination="card",
                          reason="Staff refunded the missed lesson to the card.")
    first = await market.wallet.publish(refund, subject=f"booking/{booking['id']}")
    await market.wallet.publish(refund, envelope=first)  # delivered twice
    await market.wallet.handled(first, deliveries=2)
    await market.wallet.publish(refund, subject=f"booking/{booking['id']}")  # announced again

    shown = await market.get(booking["id"], market.staff())
    assert shown["status"] == "missed"
    assert (shown["missed"]["resolution"]["remedy"], shown["missed"]["resolution"]["resolved_by"]) == (
        "card_refund", "staff")
    assert shown["payment"]["refunded"] == booking["price"]
    assert MISS_GRACE not in await market.backstage.timers(booking["id"])
    assert await market.backstage.announced(RESOLVED, booking["id"]) == []  # the money moved already
    assert await market.backstage.strikes(market.id, provider.user_id) == ["miss"]


@pytest.mark.rule("MS-3")
@pytest.mark.rule("DS-1")
async def test_the_parties_agreeing_on_the_missed_reports_resolution_settle_the_miss_without_a_strike(market):
    provider = await market.provider()
    booking = await missed_lesson(market, provider=provider)
    await resolve_report(market, booking, "split", "parties", refund_minor=4000)

    shown = await market.get(booking["id"], market.staff())
    assert shown["status"] == "settled"
    assert (shown["missed"]["resolution"]["remedy"], shown["missed"]["resolution"]["resolved_by"]) == (
        "report", "parties")
    assert MISS_GRACE not in await market.backstage.timers(booking["id"])
    assert await market.backstage.announced(RESOLVED, booking["id"]) == []
    assert len(await market.backstage.announced(SETTLED, booking["id"])) == 1
    assert await market.backstage.strikes(market.id, provider.user_id) == []


@pytest.mark.rule("MS-3")
@pytest.mark.rule("DS-3")
async def test_another_reports_settlement_of_a_missed_lesson_leaves_nothing_for_the_grace_period(market):
    provider = await market.provider()
    booking = await missed_lesson(market, provider=provider)
    other = (await market.disputes.report(booking, by="provider", kind="technical_problem")).data
    await resolve_report(market, booking, "full_refund_to_student", "staff", report_id=other.report_id)
    shown = await market.get(booking["id"], market.staff())
    assert shown["status"] == "settled" and shown["missed"]["resolution"]["remedy"] == "report"
    assert MISS_GRACE not in await market.backstage.timers(booking["id"])
    assert await market.backstage.announced(RESOLVED, booking["id"]) == []
    assert await market.backstage.strikes(market.id, provider.user_id) == []
