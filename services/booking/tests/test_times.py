"""Points in time as partners send them (issue 13): an RFC 3339 string with an offset, between 2000
and 2099. A number is not read as seconds since 1970, a year like 9999 is refused rather than
overflowing a slot's arithmetic; each a 422 naming the field. A blocked period that has ended is
refused by the service's clock (BK-4)."""

import base64
import json
from datetime import UTC, datetime, timedelta

import pytest

FAR_FUTURE = "9999-12-31T10:00:00+00:00"


def epoch_seconds(moment: str) -> int:
    return int(datetime.fromisoformat(moment).timestamp())


def refused_field(response, field: str) -> dict:
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["type"] == "/problems/validation-error", body
    assert [e["field"] for e in body["errors"]] == [field], body
    return body


def bad_times(slot_starts_at: str) -> list:
    """A year nobody books in, and a real slot's time as a number: both were taken before."""
    return [FAR_FUTURE, epoch_seconds(slot_starts_at)]


@pytest.mark.rule("PL-5")
async def test_a_booking_at_a_far_year_or_at_a_number_is_refused_naming_starts_at(market):
    provider, student = await market.provider(), market.student()
    offering = await market.offering(provider)
    slot = (await market.slots(offering["id"]))["slots"][0]
    for starts_at in bad_times(slot["starts_at"]):
        refused_field(await market.book(student, offering["id"], starts_at), "starts_at")
    assert await market.backstage.requests_for_offering(offering["id"]) == 0
    assert (await market.book(student, offering["id"], slot["starts_at"])).status_code == 201


@pytest.mark.rule("PL-5")
async def test_a_slot_query_in_a_far_year_is_refused_naming_the_parameter(market):
    provider = await market.provider()
    offering = await market.offering(provider)
    for start, end, field in [("9999-12-01T00:00:00+00:00", "2030-01-02T00:00:00+00:00", "query.from"),
                              ("2030-01-01T00:00:00+00:00", "2100-01-01T00:00:00+00:00", "query.to")]:
        response = await market.api.get("/v1/slots", headers=provider.headers,
                                        params={"offering_id": offering["id"], "from": start, "to": end})
        refused_field(response, field)


@pytest.mark.rule("PL-5")
async def test_a_reschedule_to_a_far_year_or_a_number_is_refused_naming_the_field(market):
    student, provider = market.student(), await market.provider()
    booking = await market.paid_lesson(student=student, provider=provider)
    later = next(s for s in await market.offered(booking) if s > booking["starts_at"])

    for when in bad_times(later):
        refused_field(await market.post(booking["id"], "reschedule-requests", student,
                                        {"reason": "Exams", "proposed_starts_at": when}), "proposed_starts_at")
        refused_field(await market.post(booking["id"], "edit-time", provider,
                                        {"starts_at": when, "student_agreed": True, "note": "by phone"}), "starts_at")
    asked = await market.post(booking["id"], "reschedule-requests", student, {"reason": "Exams"})
    assert asked.status_code == 201, asked.text
    request_id = asked.json()["id"]
    for when in bad_times(later):
        refused_field(await market.post(booking["id"], f"reschedule-requests/{request_id}/approve", provider,
                                        {"starts_at": when}), "starts_at")
    approved = await market.post(booking["id"], f"reschedule-requests/{request_id}/approve", provider)
    assert approved.status_code == 200, approved.text
    for when in bad_times(later):
        refused_field(await market.post(booking["id"], f"reschedule-requests/{request_id}/pick", student,
                                        {"starts_at": when}), "starts_at")
    assert (await market.get(booking["id"], student))["starts_at"] == booking["starts_at"], "nothing moved"


@pytest.mark.rule("BK-4")
async def test_a_blocked_period_in_a_far_year_or_given_as_numbers_is_refused(market):
    provider = await market.provider()
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)
    for starts_at, ends_at, field in [
            ("9999-12-30T10:00:00+00:00", (start + timedelta(hours=1)).isoformat(), "starts_at"),
            (start.isoformat(), FAR_FUTURE, "ends_at"),
            (int(start.timestamp()), (start + timedelta(hours=1)).isoformat(), "starts_at")]:
        response = await market.api.post("/v1/providers/me/blocks", headers=provider.headers,
                                         json={"starts_at": starts_at, "ends_at": ends_at})
        refused_field(response, field)
    assert (await market.api.get("/v1/providers/me/blocks", headers=provider.headers)).json() == []


@pytest.mark.rule("BK-4")
async def test_a_blocked_period_that_has_ended_is_refused_and_one_still_running_is_taken(market, clock):
    provider = await market.provider()
    now = clock.at(datetime.now(UTC).replace(microsecond=0))

    async def block(starts_at: datetime, ends_at: datetime):
        return await market.api.post("/v1/providers/me/blocks", headers=provider.headers, json={
            "starts_at": starts_at.isoformat(), "ends_at": ends_at.isoformat(), "reason": "holiday"})

    for ends_at in (now - timedelta(days=1), now - timedelta(seconds=1), now):
        refused = await block(ends_at - timedelta(hours=2), ends_at)
        assert refused.status_code == 422, refused.text
        body = refused.json()
        assert body["type"] == "/problems/block-in-past" and body["errors"][0]["field"] == "ends_at", body
        assert now.isoformat() in body["detail"]
    running = await block(now - timedelta(hours=1), now + timedelta(seconds=1))
    assert running.status_code == 201, running.text
    assert [b["id"] for b in (await market.api.get("/v1/providers/me/blocks", headers=provider.headers)).json()] == [
        running.json()["id"]]


def forged_cursor(moment: str) -> str:
    """A page cursor as the API makes them (base64 of the last row's sort key), with another time."""
    return base64.urlsafe_b64encode(json.dumps([moment, "booking-id"]).encode()).decode().rstrip("=")


@pytest.mark.rule("PL-5")
@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", FAR_FUTURE,
                                    "2026-01-01T00:00:00"])
async def test_a_cursor_forged_with_a_time_the_api_never_returns_is_refused(market, moment):
    response = await market.api.get("/v1/bookings", params={"cursor": forged_cursor(moment)},
                                    headers=market.student().headers)
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["type"] == "/problems/invalid-cursor" and body["errors"][0]["field"] == "query.cursor"
