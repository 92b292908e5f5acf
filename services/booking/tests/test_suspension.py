"""PS-1: strikes (cancellations the provider caused, rearrangements, unresolved misses) counted in the
marketplace's current window; at the threshold the provider is suspended: no bookable slots, no new
bookings, existing bookings stand, until staff reinstate them. Only later strikes count after that."""

import pytest

from booking.misses.remedies import MISS_GRACE

from .misses import SUSPENDED, missed_lesson

REACTIVATED = "booking.provider_reactivated.v1"


async def provider_cancels(market, provider) -> dict:
    booking = await market.paid_lesson(provider=provider)
    response = await market.post(booking["id"], "cancel", provider, {"reason": "I can't make it", "cause": "provider"})
    assert response.status_code == 200, response.text
    return booking


async def standing(market, provider_id: str) -> str:
    return (await market.api.get(f"/v1/providers/{provider_id}", headers=market.staff().headers)).json()["status"]


@pytest.mark.rule("PS-1")
@pytest.mark.rule("MS-3")
async def test_a_provider_at_the_threshold_in_the_window_is_suspended_and_takes_no_new_bookings(market):
    provider = await market.provider("p-s")
    existing = await market.paid_lesson(provider=provider)
    missed = await missed_lesson(market, provider=provider)
    await provider_cancels(market, provider)
    await provider_cancels(market, provider)
    assert await standing(market, "p-s") == "active"  # two strikes of three

    assert await market.backstage.fire(MISS_GRACE, missed["id"]) == 1  # the third: an unresolved miss
    [suspended] = await market.backstage.announced_about_provider(SUSPENDED, market.id, "p-s")
    assert suspended["subject"] == "provider/p-s"
    data = suspended["data"]
    assert (data["strikes"], data["threshold"], data["window_days"], len(data["strike_ids"])) == (3, 3, 90, 3)
    assert await standing(market, "p-s") == "suspended"

    slots = await market.slots(existing["offering_id"])
    assert slots["bookable"] is False and slots["slots"] == []
    refused = await market.book(market.student("new"), existing["offering_id"], existing["starts_at"])
    assert refused.status_code == 409 and refused.json()["provider_status"] == "suspended"
    assert (await market.get(existing["id"], provider))["status"] == "confirmed"  # existing bookings stand
    resumed = await market.api.post("/v1/providers/me/resume", headers=provider.headers)
    assert resumed.status_code == 409  # only staff lift a suspension

    # A further strike while suspended suspends nobody twice.
    cancelled = await market.post(existing["id"], "cancel", provider, {"reason": "Sorry", "cause": "provider"})
    assert cancelled.status_code == 200
    assert len(await market.backstage.announced_about_provider(SUSPENDED, market.id, "p-s")) == 1


@pytest.mark.rule("PS-1")
async def test_strikes_outside_the_window_do_not_count(market):
    provider = await market.provider("p-w")
    await provider_cancels(market, provider)
    await provider_cancels(market, provider)
    await market.backstage.age_strikes(market.id, "p-w", days=91)
    await provider_cancels(market, provider)
    assert await standing(market, "p-w") == "active"
    assert await market.backstage.announced_about_provider(SUSPENDED, market.id, "p-w") == []


@pytest.mark.rule("PS-1")
async def test_the_threshold_is_the_marketplaces_current_policy_not_the_bookings(market):
    provider = await market.provider("p-c")
    booking = await market.paid_lesson(provider=provider)  # its terms: 3 strikes
    changed = await market.api.put("/v1/marketplace/policy", headers=market.staff().headers,
                                   json={"preset": "lessons", "overrides": {"strikes_threshold": 1}})
    assert changed.status_code == 200
    response = await market.post(booking["id"], "cancel", provider, {"reason": "Ill", "cause": "provider"})
    assert response.status_code == 200
    assert await standing(market, "p-c") == "suspended"


@pytest.mark.rule("PS-1")
@pytest.mark.rule("BK-5")
async def test_staff_reinstate_a_suspended_provider_and_only_later_strikes_count(new_market):
    market = await new_market("lessons", strikes_threshold=2)
    provider, staff = await market.provider("p-r"), market.staff("staff-9")
    await provider_cancels(market, provider)
    await provider_cancels(market, provider)
    assert await standing(market, "p-r") == "suspended"

    reinstated = await market.api.post("/v1/providers/p-r/reactivate", headers=staff.headers)
    assert reinstated.status_code == 200 and reinstated.json()["status"] == "active"
    [event] = await market.backstage.announced_about_provider(REACTIVATED, market.id, "p-r")
    assert (event["data"]["by"], event["data"]["staff_id"]) == ("staff", "staff-9")

    await provider_cancels(market, provider)  # the two before the reinstatement no longer count
    assert await standing(market, "p-r") == "active"
    await provider_cancels(market, provider)
    assert await standing(market, "p-r") == "suspended"
    second = (await market.backstage.announced_about_provider(SUSPENDED, market.id, "p-r"))[-1]
    assert second["data"]["strikes"] == 2

    record = (await market.api.get("/v1/providers/p-r/record", headers=staff.headers)).json()
    assert [(c["change"], c["by"]) for c in reversed(record["standing_history"])] == [
        ("suspended", "platform"), ("reinstated", "staff"), ("suspended", "platform")]
    assert record["standing_history"][1]["by_user"] == "staff-9"
    assert record["strikes"]["counts"] == {"cancellation": 4} and record["strikes"]["counting"] == 2
