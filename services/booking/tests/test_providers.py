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
