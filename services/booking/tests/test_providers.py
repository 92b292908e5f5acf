"""Provider profiles, and pausing (BK-5): a paused provider has no bookable slots, takes no new
bookings, and their existing bookings stand."""

import pytest


async def test_a_provider_keeps_their_profile_and_everyone_in_the_marketplace_reads_it(market):
    provider = await market.provider("ada", timezone="America/New_York", kinds=("Guitar", "piano"))
    profile = (await market.api.get("/v1/providers/ada", headers=market.student().headers)).json()
    assert (profile["timezone"], profile["lesson_kinds"], profile["status"]) == (
        "America/New_York", ["guitar", "piano"], "active")
    changed = await market.api.put("/v1/providers/me", headers=provider.headers, json={
        "display_name": "Ada L.", "timezone": "Europe/Lisbon", "lesson_kinds": ["piano"]})
    assert changed.status_code == 200 and changed.json()["display_name"] == "Ada L."


async def test_providers_are_listed_a_page_at_a_time_with_an_opaque_cursor(market):
    for name in ("p-a", "p-b", "p-c"):
        await market.provider(name, kinds=("drums",) if name == "p-b" else ("guitar",))
    seen, cursor = [], None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (await market.api.get("/v1/providers", params=params, headers=market.student().headers)).json()
        seen += [p["id"] for p in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == ["p-a", "p-b", "p-c"]
    drummers = (await market.api.get("/v1/providers", params={"kind": "drums"}, headers=market.student().headers))
    assert [p["id"] for p in drummers.json()["items"]] == ["p-b"]


@pytest.mark.rule("PL-5")
async def test_a_profile_with_an_unknown_time_zone_is_refused_and_nothing_is_saved(market):
    provider = market.actor("newcomer", "provider")
    response = await market.api.put("/v1/providers/me", headers=provider.headers, json={
        "display_name": "New", "timezone": "Mars/Olympus_Mons", "lesson_kinds": ["guitar"]})
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["field"] == "timezone" and "IANA" in error["message"]
    missing = await market.api.get("/v1/providers/me", headers=provider.headers)
    assert missing.status_code == 404 and missing.json()["type"] == "/problems/provider-profile-missing"


@pytest.mark.rule("BK-5")
async def test_a_paused_provider_is_not_bookable_and_their_existing_bookings_stand(market):
    provider = await market.provider()
    booking = await market.lesson(provider=provider)
    offering_id = booking["offering_id"]
    slot = (await market.slots(offering_id))["slots"][0]

    paused = await market.api.post("/v1/providers/me/pause", headers=provider.headers)
    assert paused.status_code == 200 and paused.json()["status"] == "paused"
    slots = await market.slots(offering_id)
    assert slots["bookable"] is False and slots["slots"] == []
    refused = await market.book(market.student("late"), offering_id, slot["starts_at"])
    assert refused.status_code == 409 and refused.json()["type"] == "/problems/provider-not-bookable"
    assert refused.json()["provider_status"] == "paused"
    await market.wallet.capture(booking)  # the existing booking goes on
    assert (await market.get(booking["id"], provider))["status"] == "confirmed"

    resumed = await market.api.post("/v1/providers/me/resume", headers=provider.headers)
    assert resumed.status_code == 200 and (await market.slots(offering_id))["bookable"] is True


@pytest.mark.rule("BK-5")
async def test_staff_pause_and_reactivate_a_provider_who_cant_lift_a_staff_pause(market):
    provider = await market.provider("p-1")
    staff = market.staff()
    assert (await market.api.post("/v1/providers/p-1/pause", headers=staff.headers)).json()["paused_by"] == "staff"
    lifted = await market.api.post("/v1/providers/me/resume", headers=provider.headers)
    assert lifted.status_code == 409 and lifted.json()["type"] == "/problems/paused-by-staff"
    not_staff = await market.api.post("/v1/providers/p-1/reactivate", headers=provider.headers)
    assert not_staff.status_code == 403
    back = await market.api.post("/v1/providers/p-1/reactivate", headers=staff.headers)
    assert back.status_code == 200 and back.json()["status"] == "active"
    twice = await market.api.post("/v1/providers/p-1/reactivate", headers=staff.headers)
    assert twice.status_code == 409 and twice.json()["current_status"] == "active"


PAUSED, REACTIVATED = "booking.provider_paused.v1", "booking.provider_reactivated.v1"


@pytest.mark.rule("BK-5")
async def test_a_provider_pausing_and_resuming_is_announced_once_per_change(market):
    provider = await market.provider("p-own")
    announced = market.backstage.announced_about_provider

    assert (await market.api.post("/v1/providers/me/pause", headers=provider.headers)).status_code == 200
    again = await market.api.post("/v1/providers/me/pause", headers=provider.headers)
    assert again.status_code == 409  # no change, nothing announced
    [paused] = await announced(PAUSED, market.id, "p-own")
    assert paused["subject"] == "provider/p-own"
    assert {k: v for k, v in paused["data"].items() if k != "paused_at"} == {
        "provider_id": "p-own", "by": "provider", "staff_id": None, "reason": None}
    assert await announced(REACTIVATED, market.id, "p-own") == []

    assert (await market.api.post("/v1/providers/me/resume", headers=provider.headers)).status_code == 200
    assert (await market.api.post("/v1/providers/me/resume", headers=provider.headers)).status_code == 409
    [resumed] = await announced(REACTIVATED, market.id, "p-own")
    assert resumed["subject"] == "provider/p-own" and resumed["data"]["by"] == "provider"
    assert resumed["data"]["reactivated_at"] >= paused["data"]["paused_at"]

    assert (await market.api.post("/v1/providers/me/pause", headers=provider.headers)).status_code == 200
    assert len(await announced(PAUSED, market.id, "p-own")) == 2  # a new pause is a new fact


@pytest.mark.rule("BK-5")
async def test_staff_pausing_and_reactivating_is_announced_with_who_and_why(market):
    provider = await market.provider("p-2")
    staff = market.staff("staff-7")
    announced = market.backstage.announced_about_provider
    assert (await market.api.post("/v1/providers/me/pause", headers=provider.headers)).status_code == 200

    # Staff take over the provider's own pause: now only staff can lift it, which is news to the provider.
    taken_over = await market.api.post("/v1/providers/p-2/pause", headers=staff.headers,
                                       json={"reason": "Three late cancellations this month."})
    assert taken_over.status_code == 200 and taken_over.json()["paused_by"] == "staff"
    assert (await market.api.post("/v1/providers/p-2/pause", headers=staff.headers)).status_code == 409
    assert (await market.api.post("/v1/providers/me/resume", headers=provider.headers)).status_code == 409
    by_provider, by_staff = await announced(PAUSED, market.id, "p-2")
    assert by_provider["data"]["by"] == "provider"
    assert (by_staff["data"]["by"], by_staff["data"]["staff_id"], by_staff["data"]["reason"]) == (
        "staff", "staff-7", "Three late cancellations this month.")

    assert (await market.api.post("/v1/providers/p-2/reactivate", headers=staff.headers)).status_code == 200
    assert (await market.api.post("/v1/providers/p-2/reactivate", headers=staff.headers)).status_code == 409
    [reactivated] = await announced(REACTIVATED, market.id, "p-2")
    assert reactivated["subject"] == "provider/p-2"
    assert (reactivated["data"]["by"], reactivated["data"]["staff_id"]) == ("staff", "staff-7")

    # A staff pause without a reason is fine.
    assert (await market.api.post("/v1/providers/p-2/pause", headers=staff.headers)).status_code == 200
    assert (await announced(PAUSED, market.id, "p-2"))[-1]["data"]["reason"] is None


@pytest.mark.rule("BK-5")
async def test_a_refused_standing_change_announces_nothing(market):
    await market.provider("p-3")
    refused = await market.api.post("/v1/providers/p-3/reactivate", headers=market.staff().headers)
    assert refused.status_code == 409
    too_long = await market.api.post("/v1/providers/p-3/pause", headers=market.staff().headers,
                                     json={"reason": "x" * 501})
    assert too_long.status_code == 422
    assert await market.backstage.announced_about_provider(PAUSED, market.id, "p-3") == []
    assert await market.backstage.announced_about_provider(REACTIVATED, market.id, "p-3") == []
