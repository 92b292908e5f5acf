"""PL-1: nothing of one marketplace is visible or changeable from another. PL-2: students act only on
their own bookings, providers only on theirs; another's booking is 404, revealing nothing."""

import pytest


@pytest.mark.rule("PL-2")
async def test_a_student_can_neither_read_nor_act_on_another_students_booking(market):
    alice, bob = market.student("alice"), market.student("bob")
    booking = await market.lesson(student=alice)
    await market.wallet.capture(booking)
    await market.backstage.end_lesson(booking["id"])

    for response in [await market.api.get(f"/v1/bookings/{booking['id']}", headers=bob.headers),
                     await market.api.get(f"/v1/bookings/{booking['id']}/timeline", headers=bob.headers),
                     await market.act(booking["id"], "confirm-delivery", bob)]:
        assert response.status_code == 404 and response.json()["type"] == "/problems/booking-not-found"
        assert "alice" not in response.text
    assert (await market.api.get("/v1/bookings", headers=bob.headers)).json()["items"] == []
    assert (await market.get(booking["id"], alice))["status"] == "confirmed", "bob changed nothing"


@pytest.mark.rule("PL-2")
async def test_providers_act_only_on_their_own_bookings_and_students_not_as_providers(new_market):
    market = await new_market("coaching")
    mine, other = await market.provider("mine"), await market.provider("other")
    student = market.student()
    booking = await market.lesson(provider=mine, student=student)
    await market.wallet.capture(booking)

    stranger = await market.act(booking["id"], "decline", other)
    assert stranger.status_code == 404 and stranger.json()["type"] == "/problems/booking-not-found"
    as_student = await market.act(booking["id"], "accept", student)
    assert as_student.status_code == 403 and as_student.json()["type"] == "/problems/role-required"
    assert (await market.get(booking["id"], mine))["status"] == "awaiting_acceptance"
    assert (await market.api.get("/v1/bookings", headers=other.headers)).json()["items"] == []
    staff_view = (await market.api.get("/v1/bookings", headers=market.staff().headers)).json()["items"]
    assert [b["id"] for b in staff_view] == [booking["id"]]


@pytest.mark.rule("PL-1")
async def test_marketplace_b_sees_nothing_of_marketplace_a(new_market):
    a, b = await new_market(), await new_market()
    provider = await a.provider("shared-name")
    booking = await a.lesson(provider=provider, student=a.student("same-user"))
    offering_id = booking["offering_id"]
    b_student, b_staff = b.student("same-user"), b.staff()

    assert (await b.api.get("/v1/providers", headers=b_student.headers)).json()["items"] == []
    for path in ["/v1/providers/shared-name", f"/v1/offerings/{offering_id}", f"/v1/bookings/{booking['id']}",
                 f"/v1/bookings/{booking['id']}/timeline"]:
        for caller in (b_student, b_staff):
            assert (await b.api.get(path, headers=caller.headers)).status_code == 404, path
    assert (await b.api.get("/v1/bookings", headers=b_staff.headers)).json()["items"] == []
    assert (await b.api.get("/v1/offerings", headers=b_staff.headers)).json()["items"] == []
    slots = await b.api.get("/v1/slots", headers=b_student.headers, params={
        "offering_id": offering_id, "from": booking["starts_at"], "to": booking["ends_at"]})
    assert slots.status_code == 404
    booked = await b.book(b_student, offering_id, booking["starts_at"])
    assert booked.status_code == 404 and booked.json()["type"] == "/problems/offering-not-found"
    paused = await b.api.post("/v1/providers/shared-name/pause", headers=b_staff.headers)
    assert paused.status_code == 404
    assert (await a.api.get("/v1/providers/shared-name", headers=a.student().headers)).json()["status"] == "active"


@pytest.mark.rule("PL-1")
async def test_a_wallet_event_naming_another_marketplace_changes_nothing_here(new_market):
    a, b = await new_market(), await new_market()
    booking = await a.lesson()
    await b.wallet.capture(booking)  # b's marketplace on the envelope, a's booking id: refused, then dead-lettered
    untouched = await a.get(booking["id"], a.staff())
    assert (untouched["status"], untouched["payment"]["state"]) == ("pending_payment", "pending")
    timeline = (await a.api.get(f"/v1/bookings/{booking['id']}/timeline", headers=a.staff().headers)).json()
    assert [e["type"] for e in timeline["entries"]] == ["booking.pending_payment"]


@pytest.mark.rule("PL-2")
async def test_each_caller_lists_their_own_bookings_a_page_at_a_time(market):
    provider, student = await market.provider(), market.student()
    mine = [await market.lesson(provider=provider, student=student) for _ in range(3)]
    await market.lesson(provider=provider, student=market.student("someone-else"))
    seen, cursor = [], None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (await market.api.get("/v1/bookings", params=params, headers=student.headers)).json()
        seen += [b["id"] for b in page["items"]]
        if (cursor := page["next_cursor"]) is None:
            break
    assert seen == [b["id"] for b in sorted(mine, key=lambda b: b["starts_at"])]
    everyone = (await market.api.get("/v1/bookings", headers=provider.headers)).json()["items"]
    assert len(everyone) == 4
