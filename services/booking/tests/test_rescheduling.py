"""Moving a lesson: either party asks before the start (RS-1), the other answers (RS-2), an agreed
move carries the payment and frees the old slot at once (RS-3, BK-4), and the provider's "Edit
Date/Time" records the student's agreement outside the platform (RS-4)."""

from datetime import datetime, timedelta

import pytest

from booking.bookings.deadlines import AUTO_CONFIRM
from booking.rescheduling.closing import LAPSE

SECOND = timedelta(seconds=1)


async def lesson_with_free_slots(market):
    """A confirmed lesson and two free slots of its provider later the same day or the next."""
    student, provider = market.student(), await market.provider()
    booking = await market.paid_lesson(student=student, provider=provider)
    later = [s for s in await market.offered(booking) if s > booking["starts_at"]]
    return student, provider, booking, later[2], later[5]


async def ask(market, booking, who, **body):
    response = await market.post(booking["id"], "reschedule-requests", who, {"reason": "Something came up", **body})
    assert response.status_code == 201, response.text
    return response.json()


async def answer(market, booking, request, action, who, **body):
    return await market.post(booking["id"], f"reschedule-requests/{request['id']}/{action}", who, body)


@pytest.mark.rule("RS-1")
async def test_a_request_one_second_after_the_start_is_refused_with_the_promo_code_path(market, clock):
    student, provider, booking, _, _ = await lesson_with_free_slots(market)
    starts = datetime.fromisoformat(booking["starts_at"])

    clock.at(starts + SECOND)
    late = await market.post(booking["id"], "reschedule-requests", provider, {"reason": "I overslept"})
    assert late.status_code == 409 and late.json()["type"] == "/problems/lesson-started"
    assert "The lesson has started" in late.json()["detail"] and "promo code" in late.json()["detail"]
    assert late.json()["next_step"] == "promo-code" and late.json()["promo_codes"] == "/v1/promo-codes"
    edit = await market.post(booking["id"], "edit-time", provider, {
        "starts_at": booking["ends_at"], "student_agreed": True, "note": "by phone"})
    assert edit.status_code == 409 and edit.json()["type"] == "/problems/lesson-started"

    clock.at(starts - SECOND)
    assert (await market.post(booking["id"], "reschedule-requests", student, {"reason": "ill"})).status_code == 201
    assert [e["type"] for e in await market.timeline(booking["id"])].count("booking.reschedule_requested") == 1


@pytest.mark.rule("RS-1")
async def test_from_the_start_on_a_request_is_neither_made_nor_answered(market, clock):
    student, provider, booking, new_time, _ = await lesson_with_free_slots(market)
    request = await ask(market, booking, provider)
    starts = clock.at(datetime.fromisoformat(booking["starts_at"]))
    for response in [await market.post(booking["id"], "reschedule-requests", student, {"reason": "x"}),
                     await answer(market, booking, request, "pick", student, starts_at=new_time)]:
        assert response.status_code == 409 and response.json()["type"] == "/problems/lesson-started"
        assert response.json()["started_at"] == starts.isoformat()
    assert (await market.get(booking["id"], student))["starts_at"] == booking["starts_at"]


@pytest.mark.rule("RS-2")
@pytest.mark.rule("RS-3")
@pytest.mark.rule("BK-4")
async def test_the_provider_asks_and_the_student_picks_a_new_time_which_carries_the_payment(market):
    student, provider, booking, new_time, _ = await lesson_with_free_slots(market)
    request = await ask(market, booking, provider, reason="A clash in my calendar")
    assert request["status"] == "awaiting_student" and request["asked_by"] == "provider"
    [asked] = await market.backstage.announced("booking.reschedule_requested.v1", booking["id"])
    assert asked["answer_by"] == asked["starts_at"] and asked["reason"] == "A clash in my calendar"
    assert (await market.backstage.timers(booking["id"]))[LAPSE] == datetime.fromisoformat(booking["starts_at"])

    own = await answer(market, booking, request, "decline", provider)
    assert own.status_code == 409 and own.json()["type"] == "/problems/reschedule-awaits-other-party"
    picked = await answer(market, booking, request, "pick", student, starts_at=new_time)
    assert picked.status_code == 200, picked.text
    moved = picked.json()["booking"]
    assert picked.json()["request"]["status"] == "agreed" and moved["starts_at"] == new_time
    assert moved["status"] == "confirmed" and moved["payment"] == booking["payment"]  # nothing refunded or charged

    offered = await market.offered(booking)
    assert booking["starts_at"] in offered and new_time not in offered  # the old slot is offered again at once
    [event] = await market.backstage.announced("booking.booking_rescheduled.v1", booking["id"])
    assert (event["previous_starts_at"], event["starts_at"], event["how"]) == (booking["starts_at"], new_time,
                                                                               "request")
    assert len(await market.backstage.announced("booking.booking_requested.v1", booking["id"])) == 1
    timers = await market.backstage.timers(booking["id"])
    assert LAPSE not in timers and timers[AUTO_CONFIRM] == datetime.fromisoformat(moved["ends_at"]) + timedelta(days=7)


@pytest.mark.rule("RS-2")
async def test_the_student_asks_and_the_provider_approves_their_time_or_proposes_another(market):
    student, provider, booking, proposed, other = await lesson_with_free_slots(market)
    request = await ask(market, booking, student, proposed_starts_at=proposed)
    assert request["status"] == "awaiting_provider"
    countered = await answer(market, booking, request, "approve", provider, starts_at=other)
    assert countered.status_code == 200 and countered.json()["request"]["status"] == "awaiting_student"
    assert countered.json()["booking"]["starts_at"] == booking["starts_at"], "not moved before the student picks"
    [approved] = await market.backstage.announced("booking.reschedule_approved.v1", booking["id"])
    assert approved["proposed_starts_at"] == other
    assert (await answer(market, booking, request, "pick", student, starts_at=other)).status_code == 200

    again = await ask(market, booking, student, proposed_starts_at=proposed)
    agreed = await answer(market, booking, again, "approve", provider)
    assert agreed.status_code == 200 and agreed.json()["booking"]["starts_at"] == proposed
    moves = await market.backstage.announced("booking.booking_rescheduled.v1", booking["id"])
    assert [m["starts_at"] for m in moves] == [other, proposed]


@pytest.mark.rule("RS-2")
async def test_a_declined_request_leaves_the_lesson_and_a_lapsed_one_too(market, clock):
    student, provider, booking, _, _ = await lesson_with_free_slots(market)
    request = await ask(market, booking, student)
    declined = await answer(market, booking, request, "decline", provider, reason="Fully booked")
    assert declined.status_code == 200 and declined.json()["request"]["status"] == "declined"
    [event] = await market.backstage.announced("booking.reschedule_declined.v1", booking["id"])
    assert (event["asked_by"], event["declined_by"], event["reason"]) == ("student", "provider", "Fully booked")
    assert LAPSE not in await market.backstage.timers(booking["id"])

    unanswered = await ask(market, booking, provider)
    clock.at(datetime.fromisoformat(booking["starts_at"]))
    assert await market.backstage.fire(LAPSE, booking["id"]) == 1
    listed = (await market.api.get(f"/v1/bookings/{booking['id']}/reschedule-requests",
                                   headers=student.headers)).json()
    assert [(r["id"], r["status"]) for r in listed] == [(request["id"], "declined"), (unanswered["id"], "lapsed")]
    assert len(await market.backstage.announced("booking.reschedule_lapsed.v1", booking["id"])) == 1
    assert (await market.get(booking["id"], student))["starts_at"] == booking["starts_at"]


@pytest.mark.rule("RS-2")
async def test_of_two_answers_to_one_request_exactly_one_counts(market):
    student, provider, booking, new_time, _ = await lesson_with_free_slots(market)
    request = await ask(market, booking, provider)
    answers = await market.all_of(answer(market, booking, request, "pick", student, starts_at=new_time),
                                  answer(market, booking, request, "decline", student))
    assert sorted(a.status_code for a in answers) == [200, 409]
    [refused] = [a.json() for a in answers if a.status_code == 409]
    assert refused["type"] == "/problems/reschedule-request-closed"
    assert len(await market.backstage.announced("booking.booking_rescheduled.v1", booking["id"])) + len(
        await market.backstage.announced("booking.reschedule_declined.v1", booking["id"])) == 1


@pytest.mark.rule("BK-4")
async def test_a_time_outside_availability_blocked_or_taken_is_refused_and_changes_nothing(market):
    student, provider, booking, free, taken = await lesson_with_free_slots(market)
    await market.book(market.student("other"), booking["offering_id"], taken)
    block = await market.api.post("/v1/providers/me/blocks", headers=provider.headers, json={
        "starts_at": free, "ends_at": (datetime.fromisoformat(free) + timedelta(hours=1)).isoformat()})
    assert block.status_code == 201
    request = await ask(market, booking, provider)
    off_grid = booking["starts_at"].replace(":00:00Z", ":20:00Z")
    for starts_at, status, problem in [(off_grid, 422, "slot-not-offered"), (free, 409, "slot-unavailable"),
                                       (taken, 409, "slot-taken"), (booking["starts_at"], 422, "same-time")]:
        refused = await answer(market, booking, request, "pick", student, starts_at=starts_at)
        assert (refused.status_code, refused.json()["type"]) == (status, f"/problems/{problem}"), starts_at
    assert (await market.get(booking["id"], student))["version"] == booking["version"]
    second = await market.post(booking["id"], "reschedule-requests", student, {"reason": "me too"})
    assert second.status_code == 409 and second.json()["open_request_id"] == request["id"]


async def test_requests_on_cancelled_or_delivered_bookings_and_by_strangers_are_refused(market):
    student, provider, booking, _, _ = await lesson_with_free_slots(market)
    stranger = await market.post(booking["id"], "reschedule-requests", market.student("bob"), {"reason": "x"})
    assert stranger.status_code == 404 and stranger.json()["type"] == "/problems/booking-not-found"
    as_staff = await market.post(booking["id"], "reschedule-requests", market.staff(), {"reason": "x"})
    assert as_staff.status_code == 403 and as_staff.json()["type"] == "/problems/role-required"
    no_reason = await market.post(booking["id"], "reschedule-requests", student, {"reason": ""})
    assert no_reason.status_code == 422 and no_reason.json()["errors"][0]["field"] == "reason"

    await market.backstage.end_lesson(booking["id"])
    await market.act(booking["id"], "confirm-delivery", student)
    delivered = await market.post(booking["id"], "reschedule-requests", student, {"reason": "x"})
    assert delivered.status_code == 409 and delivered.json()["current_status"] == "delivered"

    other = await market.paid_lesson(student=student, provider=provider)
    assert (await market.post(other["id"], "cancel", student, {"reason": "ill"})).status_code == 200
    cancelled = await market.post(other["id"], "reschedule-requests", provider, {"reason": "x"})
    assert cancelled.status_code == 409 and cancelled.json()["current_status"] == "cancelled"


@pytest.mark.rule("RS-4")
@pytest.mark.rule("RS-3")
async def test_the_provider_edits_the_time_the_student_agreed_to_and_it_counts_on_their_record(market):
    student, provider, booking, new_time, _ = await lesson_with_free_slots(market)
    open_request = await ask(market, booking, student)
    unstated = await market.post(booking["id"], "edit-time", provider, {"starts_at": new_time, "note": "by phone",
                                                                        "student_agreed": False})
    assert unstated.status_code == 422 and unstated.json()["errors"][0]["field"] == "student_agreed"
    as_student = await market.post(booking["id"], "edit-time", student, {"starts_at": new_time, "note": "x",
                                                                         "student_agreed": True})
    assert as_student.status_code == 403

    edited = await market.post(booking["id"], "edit-time", provider, {
        "starts_at": new_time, "student_agreed": True, "note": "We agreed on the phone on Monday"})
    assert edited.status_code == 200 and edited.json()["starts_at"] == new_time
    assert edited.json()["payment"] == booking["payment"]
    [event] = await market.backstage.announced("booking.booking_rescheduled.v1", booking["id"])
    assert (event["how"], event["initiated_by"]) == ("provider_edit", "provider")
    [entry] = [e for e in await market.timeline(booking["id"]) if e["type"] == "booking.rescheduled"]
    assert entry["data"]["note"] == "The student agreed outside the platform: We agreed on the phone on Monday"
    assert await market.backstage.strikes(market.id, provider.user_id) == ["rearrangement"]
    [strike] = await market.backstage.announced("booking.provider_strike_recorded.v1", booking["id"])
    assert strike["kind"] == "rearrangement"
    requests = (await market.api.get(f"/v1/bookings/{booking['id']}/reschedule-requests",
                                     headers=provider.headers)).json()
    assert [(r["id"], r["status"]) for r in requests] == [(open_request["id"], "superseded")]
