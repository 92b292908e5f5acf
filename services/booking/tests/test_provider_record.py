"""PS-2: staff see a provider's record: misses and how each was resolved, strikes, disputed marks
(DS-2: every report ending but a reschedule), current standing and its history. Staff only."""

import pytest

from booking.misses.remedies import MISS_GRACE

from .misses import ended_lesson, missed_lesson, resolve_report


@pytest.mark.rule("PS-2")
@pytest.mark.rule("DS-2")
async def test_staff_see_a_providers_misses_strikes_marks_and_standing_history(market):
    provider, staff = await market.provider("p-rec"), market.staff("staff-2")
    promo = await missed_lesson(market, provider=provider)
    assert (await market.post(promo["id"], "miss-resolution", provider, {"remedy": "promo_code"})).status_code == 200
    await resolve_report(market, promo, "provider_resolved_with_promo_code", "provider")  # disputes closes it
    unresolved = await missed_lesson(market, provider=provider)
    assert await market.backstage.fire(MISS_GRACE, unresolved["id"]) == 1
    cancelled = await market.paid_lesson(provider=provider)
    assert (await market.post(cancelled["id"], "cancel", provider,
                              {"reason": "Double-booked", "cause": "provider"})).status_code == 200
    rescheduled = await ended_lesson(market, provider=provider)
    report = (await market.disputes.report(rescheduled, by="provider", kind="technical_problem")).data
    await resolve_report(market, rescheduled, "reschedule", "parties", report_id=report.report_id)  # no mark
    assert (await market.api.post("/v1/providers/p-rec/pause", headers=staff.headers,
                                  json={"reason": "Checking the misses"})).status_code == 200
    assert (await market.api.post("/v1/providers/p-rec/reactivate", headers=staff.headers)).status_code == 200

    response = await market.api.get("/v1/providers/p-rec/record", headers=staff.headers)
    assert response.status_code == 200, response.text
    record = response.json()
    assert record["standing"] == {"status": "active", "paused_by": None}
    assert record["miss_count"] == 2
    assert [(m["booking_id"], m["resolution"]["remedy"], m["resolution"]["resolved_by"])
            for m in record["misses"]] == [(unresolved["id"], "platform_refund", "platform"),
                                           (promo["id"], "promo_code", "provider")]
    assert record["misses"][1]["missed_at"] == promo["missed"]["missed_at"]
    strikes = record["strikes"]
    assert strikes["counts"] == {"miss": 1, "cancellation": 1} and strikes["counting"] == 2
    assert (strikes["threshold"], strikes["window_days"]) == (3, 90)
    assert [(s["kind"], s["booking_id"]) for s in strikes["recent"]] == [
        ("cancellation", cancelled["id"]), ("miss", unresolved["id"])]
    marks = record["disputed_marks"]
    assert marks["count"] == 1
    assert [(m["booking_id"], m["resolution"]) for m in marks["recent"]] == [
        (promo["id"], "provider_resolved_with_promo_code")]
    assert [(c["change"], c["by"], c["by_user"], c["reason"]) for c in record["standing_history"]] == [
        ("reactivated", "staff", "staff-2", None), ("paused", "staff", "staff-2", "Checking the misses")]


@pytest.mark.rule("PS-2")
@pytest.mark.rule("PL-2")
async def test_only_staff_of_the_marketplace_see_a_providers_record(market, new_market):
    provider = await market.provider("p-priv")
    for caller in (provider, market.student()):
        refused = await market.api.get("/v1/providers/p-priv/record", headers=caller.headers)
        assert refused.status_code == 403 and refused.json()["type"] == "/problems/role-required"
    elsewhere = await new_market()
    hidden = await market.api.get("/v1/providers/p-priv/record", headers=elsewhere.staff().headers)
    assert hidden.status_code == 404 and hidden.json()["type"] == "/problems/provider-not-found"
