"""BK-4: providers publish weekly hours in their own zone and block out times; blocked or booked
time is not offered. Daylight-saving changes don't move a provider's hours."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

BERLIN = ZoneInfo("Europe/Berlin")
NINE_TO_TWELVE = [{"weekday": day, "start": "09:00", "end": "12:00"} for day in range(1, 8)]


def next_offset_changes(zone: ZoneInfo, count: int = 2) -> list[date]:
    """The next days on which `zone` changes its UTC offset (the clocks go forward or back)."""
    day, changes = datetime.now(UTC).date() + timedelta(days=1), []
    while len(changes) < count:
        noon = datetime.combine(day, time(12), zone)
        if noon.utcoffset() != (noon - timedelta(days=1)).utcoffset():
            changes.append(day)
        day += timedelta(days=1)
    return changes


@pytest.mark.rule("BK-4")
async def test_berlin_hours_stay_at_nine_local_on_both_sides_of_each_clock_change(market):
    provider = await market.provider(timezone="Europe/Berlin", hours=NINE_TO_TWELVE)
    offering = await market.offering(provider)
    for change in next_offset_changes(BERLIN):
        start = datetime.combine(change - timedelta(days=1), time(0), BERLIN)
        answer = await market.slots(offering["id"], start=start, days=3)
        assert answer["timezone"] == "Europe/Berlin"
        local = [datetime.fromisoformat(s["local_starts_at"]) for s in answer["slots"]]
        assert [t.strftime("%H:%M") for t in local] == ["09:00", "10:00", "11:00"] * 3
        offsets = {t.date(): t.utcoffset() for t in local}
        assert offsets[change - timedelta(days=1)] != offsets[change + timedelta(days=1)], "the offset changed"
        utc_starts = [datetime.fromisoformat(s["starts_at"]) for s in answer["slots"]]
        assert all(a.tzinfo == UTC and a.astimezone(BERLIN) == b for a, b in zip(utc_starts, local, strict=True))


@pytest.mark.rule("BK-4")
async def test_blocked_time_is_not_offered_until_the_block_is_removed(market):
    provider = await market.provider()
    offering = await market.offering(provider)
    first, second, third = (await market.slots(offering["id"]))["slots"][:3]
    block = await market.api.post("/v1/providers/me/blocks", headers=provider.headers, json={
        "starts_at": first["starts_at"], "ends_at": second["ends_at"], "reason": "dentist"})
    assert block.status_code == 201, block.text

    offered = [s["starts_at"] for s in (await market.slots(offering["id"]))["slots"]]
    assert first["starts_at"] not in offered and second["starts_at"] not in offered and third["starts_at"] in offered
    refused = await market.book(market.student(), offering["id"], first["starts_at"])
    assert refused.status_code == 409 and refused.json()["type"] == "/problems/slot-unavailable"
    listed = (await market.api.get("/v1/providers/me/blocks", headers=provider.headers)).json()
    assert [b["reason"] for b in listed] == ["dentist"]

    removed = await market.api.delete(f"/v1/providers/me/blocks/{block.json()['id']}", headers=provider.headers)
    assert removed.status_code == 204
    assert first["starts_at"] in [s["starts_at"] for s in (await market.slots(offering["id"]))["slots"]]


@pytest.mark.rule("BK-4")
async def test_booked_time_is_not_offered_and_a_time_off_the_grid_is_refused(market):
    booking = await market.lesson()
    offered = [s["starts_at"] for s in (await market.slots(booking["offering_id"]))["slots"]]
    assert booking["starts_at"] not in offered
    off_grid = booking["starts_at"].replace(":00:00Z", ":20:00Z")
    refused = await market.book(market.student("other"), booking["offering_id"], off_grid)
    assert refused.status_code == 422 and refused.json()["type"] == "/problems/slot-not-offered"
    assert refused.json()["errors"][0]["field"] == "starts_at"


@pytest.mark.rule("PL-5")
async def test_weekly_hours_and_slot_queries_with_bad_input_name_the_problem(market):
    provider = await market.provider()
    bad_hours = await market.api.put("/v1/providers/me/availability", headers=provider.headers,
                                     json=[{"weekday": 1, "start": "09:00", "end": "25:00"}])
    assert bad_hours.status_code == 422 and bad_hours.json()["errors"][0]["field"] == "[0].end"
    overlapping = await market.api.put("/v1/providers/me/availability", headers=provider.headers, json=[
        {"weekday": 2, "start": "09:00", "end": "12:00"}, {"weekday": 2, "start": "11:00", "end": "13:00"}])
    assert overlapping.status_code == 422 and "overlap on weekday 2" in overlapping.json()["detail"]
    kept = (await market.api.get("/v1/providers/me/availability", headers=provider.headers)).json()
    assert len(kept["weekly_hours"]) == 7, "a refused change changes nothing"

    offering = await market.offering(provider)
    now = datetime.now(UTC)
    params = {"offering_id": offering["id"], "from": now.isoformat(), "to": (now + timedelta(days=40)).isoformat()}
    too_long = await market.api.get("/v1/slots", params=params, headers=provider.headers)
    assert too_long.status_code == 422 and too_long.json()["type"] == "/problems/slot-range-too-long"
    naive = await market.api.get("/v1/slots", headers=provider.headers, params={
        "offering_id": offering["id"], "from": "2030-01-01T00:00:00", "to": "2030-01-02T00:00:00"})
    assert naive.status_code == 422 and naive.json()["errors"][0]["field"] == "query.from"
