"""BK-1: a slot is never sold twice. The database's exclusion constraint decides between racing
requests, so the answer holds across any number of API replicas."""

import pytest


@pytest.mark.rule("BK-1")
async def test_twenty_students_racing_for_one_slot_give_one_booking_and_nineteen_conflicts(market):
    provider = await market.provider()
    offering = await market.offering(provider)
    slot = (await market.slots(offering["id"]))["slots"][0]
    students = [market.student(f"student-{n}") for n in range(20)]

    answers = await market.all_of(*(market.book(s, offering["id"], slot["starts_at"]) for s in students))

    statuses = sorted(a.status_code for a in answers)
    assert statuses == [201] + [409] * 19, statuses
    assert {a.json()["type"] for a in answers if a.status_code == 409} == {"/problems/slot-taken"}
    [winner] = [a.json() for a in answers if a.status_code == 201]
    provider_view = (await market.api.get("/v1/bookings", headers=provider.headers)).json()["items"]
    assert [b["id"] for b in provider_view] == [winner["id"]]
    # Only the winner's request reaches the wallet: no money can move for the other nineteen.
    requested = await market.backstage.announced("booking.booking_requested.v1", winner["id"])
    assert len(requested) == 1 and await market.backstage.requests_for_offering(offering["id"]) == 1


@pytest.mark.rule("BK-1")
async def test_a_slot_of_another_offering_overlapping_a_booked_one_is_taken_too(market):
    provider = await market.provider()
    hour, half_hour = await market.offering(provider, 60), await market.offering(provider, 30)
    slot = (await market.slots(hour["id"]))["slots"][0]
    assert (await market.book(market.student("a"), hour["id"], slot["starts_at"])).status_code == 201

    half_slots = (await market.slots(half_hour["id"]))["slots"]
    assert all(s["starts_at"] >= slot["ends_at"] or s["ends_at"] <= slot["starts_at"] for s in half_slots)
    inside = slot["starts_at"].replace(":00:00Z", ":30:00Z")
    response = await market.book(market.student("b"), half_hour["id"], inside)
    assert response.status_code == 409 and response.json()["type"] == "/problems/slot-taken"
