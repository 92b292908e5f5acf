"""Offerings: a provider sells their own kinds of lesson; everyone in the marketplace reads them."""

import pytest


async def test_a_provider_offers_lessons_and_students_list_them_by_provider(market):
    ada, bo = await market.provider("ada", kinds=("guitar", "piano")), await market.provider("bo")
    piano = await market.offering(ada, kind="piano", title="Piano basics")
    await market.offering(bo)
    listed = await market.api.get("/v1/offerings", params={"provider_id": "ada"}, headers=market.student().headers)
    assert [o["id"] for o in listed.json()["items"]] == [piano["id"]]
    assert piano["price"] == {"amount_minor": 5000, "currency": "EUR"} and piano["provider_id"] == "ada"


@pytest.mark.rule("PL-5")
async def test_an_offering_of_a_kind_the_provider_does_not_teach_or_without_a_price_is_refused(market):
    provider = await market.provider()
    body = {"title": "Drums", "kind": "drums", "duration_minutes": 60,
            "price": {"amount_minor": 5000, "currency": "EUR"}}
    refused = await market.api.post("/v1/offerings", json=body, headers=provider.headers)
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "kind"
    body.update(kind="guitar", price={"amount_minor": -1, "currency": "euro"})
    invalid = await market.api.post("/v1/offerings", json=body, headers=provider.headers)
    assert {e["field"] for e in invalid.json()["errors"]} == {"price.amount_minor", "price.currency"}
    assert (await market.api.get("/v1/offerings", headers=provider.headers)).json()["items"] == []
    as_student = await market.api.post("/v1/offerings", json=body, headers=market.student().headers)
    assert as_student.status_code == 403


@pytest.mark.rule("PL-2")
async def test_only_its_provider_changes_an_offering(market):
    owner, other = await market.provider("owner"), await market.provider("other")
    offering = await market.offering(owner)
    foreign = await market.api.patch(f"/v1/offerings/{offering['id']}", json={"title": "Mine now"},
                                     headers=other.headers)
    assert foreign.status_code == 404 and foreign.json()["type"] == "/problems/offering-not-found"


async def test_a_withdrawn_offering_has_no_slots_and_takes_no_bookings(market):
    provider = await market.provider()
    offering = await market.offering(provider)
    slot = (await market.slots(offering["id"]))["slots"][0]
    withdrawn = await market.api.patch(f"/v1/offerings/{offering['id']}", json={"active": False},
                                       headers=provider.headers)
    assert withdrawn.json()["active"] is False
    assert (await market.slots(offering["id"]))["slots"] == []
    refused = await market.book(market.student(), offering["id"], slot["starts_at"])
    assert refused.status_code == 409 and refused.json()["type"] == "/problems/offering-withdrawn"


@pytest.mark.rule("PL-4")
async def test_a_booking_repeated_with_its_idempotency_key_is_made_once(market):
    provider, student = await market.provider(), market.student()
    offering = await market.offering(provider)
    slot = (await market.slots(offering["id"]))["slots"][0]
    body = {"offering_id": offering["id"], "starts_at": slot["starts_at"], "payment": {"method": "credits"}}
    headers = {**student.headers, "Idempotency-Key": "book-once"}
    first, repeat = [await market.api.post("/v1/bookings", json=body, headers=headers) for _ in range(2)]
    assert first.status_code == repeat.status_code == 201 and first.json() == repeat.json()
    assert repeat.headers["idempotent-replayed"] == "true"
    assert await market.backstage.requests_for_offering(offering["id"]) == 1
