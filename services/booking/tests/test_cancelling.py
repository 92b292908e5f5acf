"""Cancelling under the booking's own terms: the student's notice window (CX-1, exact to the second
and in absolute hours across a clock change), exceptions afterwards, the provider's choice and the
cancellations they cause (CX-2), and initial sessions only staff cancel (CX-3). The slot is free at
once (BK-4), and the refund decision travels to the wallet in the cancellation's event."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from booking.bookings.deadlines import AUTO_CONFIRM
from booking.cancellations.settlement import SETTLE

from .test_availability import next_offset_changes

SECOND = timedelta(seconds=1)
BERLIN = ZoneInfo("Europe/Berlin")


def starts(booking: dict) -> datetime:
    return datetime.fromisoformat(booking["starts_at"])


async def cancelled_event(market, booking: dict) -> dict:
    [event] = await market.backstage.announced("booking.booking_cancelled.v1", booking["id"])
    return event


async def cancellation(market, booking: dict, who) -> dict:
    response = await market.api.get(f"/v1/bookings/{booking['id']}/cancellation", headers=who.headers)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.rule("CX-1")
@pytest.mark.rule("BK-4")
async def test_a_student_cancelling_exactly_at_the_notice_boundary_is_refunded_and_a_second_later_is_not(market,
                                                                                                          clock):
    student, provider = market.student(), await market.provider()
    on_time = await market.paid_lesson(student=student, provider=provider)
    late = await market.paid_lesson(student=student, provider=provider)

    clock.at(starts(on_time) - timedelta(hours=24))
    answer = await market.post(on_time["id"], "cancel", student, {"reason": "Exams moved"})
    assert answer.status_code == 200 and answer.json()["status"] == "cancelled", answer.text
    event = await cancelled_event(market, on_time)
    assert (event["refund"]["amount_minor"], event["provider_keeps"]["amount_minor"]) == (5000, 0)
    assert (event["refund_form"], event["refund_decided_by"], event["cancelled_by"]) == ("credits", "policy", "student")
    assert on_time["starts_at"] in await market.offered(on_time), "the slot is offered again at once"
    entries = await market.timeline(on_time["id"])
    assert [e["type"] for e in entries][-2:] == ["booking.cancelled", "booking.refund_decided"]
    assert entries[-1]["summary"] == ("Refund of 5000 EUR to the student's credits, decided by the booking's terms "
                                      "(notice_given).")
    assert await market.backstage.timers(on_time["id"]) == {}

    clock.at(starts(late) - timedelta(hours=24) + SECOND)
    assert (await market.post(late["id"], "cancel", student, {"reason": "Exams moved"})).status_code == 200
    event = await cancelled_event(market, late)
    assert (event["refund"]["amount_minor"], event["provider_keeps"]["amount_minor"]) == (0, 5000)
    assert (await market.backstage.timers(late["id"])) == {SETTLE: starts(late) + timedelta(hours=1, days=7)}
    [decided] = [e for e in await market.timeline(late["id"]) if e["type"] == "booking.refund_decided"]
    assert {k: decided["data"][k] for k in ("amount_minor", "form", "decided_by", "rule")} == {
        "amount_minor": 0, "form": "credits", "decided_by": "policy", "rule": "inside_notice_window"}


@pytest.mark.rule("CX-1")
async def test_the_notice_window_is_absolute_hours_across_a_clock_change_and_the_lesson_keeps_its_local_time(
        market, clock):
    student = market.student()
    provider = await market.provider(timezone="Europe/Berlin", hours=[
        {"weekday": day, "start": "09:00", "end": "12:00"} for day in range(1, 8)])
    offering = await market.offering(provider)
    change: date = next_offset_changes(BERLIN, 1)[0]
    slots = (await market.slots(offering["id"], start=datetime.combine(change, time(0), BERLIN), days=1))["slots"]
    assert [datetime.fromisoformat(s["local_starts_at"]).hour for s in slots] == [9, 10, 11]
    lessons = []
    for slot in slots[1:]:
        booked = (await market.book(student, offering["id"], slot["starts_at"])).json()
        await market.wallet.capture(booked)
        lessons.append(await market.get(booked["id"], student))
    ten, eleven = lessons
    local = datetime.fromisoformat(ten["local_starts_at"])
    assert local.hour == 10 and local.utcoffset() != datetime.now(UTC).astimezone(BERLIN).utcoffset()

    clock.at(starts(ten) - timedelta(hours=24))  # 24 hours of real time: not 10:00 the day before
    await market.post(ten["id"], "cancel", student, {"reason": "Travel"})
    assert (await cancelled_event(market, ten))["refund"]["amount_minor"] == 5000

    wall_day_before = datetime.combine(change - timedelta(days=1), time(11), BERLIN)  # "a day" by the wall clock
    hours_ahead = (starts(eleven) - wall_day_before) / timedelta(hours=1)
    assert hours_ahead != 24, "the clocks changed in between"
    clock.at(wall_day_before)
    await market.post(eleven["id"], "cancel", student, {"reason": "Travel"})
    expected = 5000 if hours_ahead > 24 else 0
    assert (await cancelled_event(market, eleven))["refund"]["amount_minor"] == expected
    assert datetime.fromisoformat((await market.get(eleven["id"], student))["local_starts_at"]).hour == 11


@pytest.mark.rule("CX-1")
async def test_after_a_late_cancellation_the_provider_grants_exceptions_until_it_settles(market, clock):
    student, provider = market.student(), await market.provider()
    booking = await market.paid_lesson(student=student, provider=provider)
    clock.at(starts(booking) - timedelta(hours=2))
    await market.post(booking["id"], "cancel", student, {"reason": "Flu"})

    refused = await market.post(booking["id"], "refund-exceptions", student, {"refund": {"kind": "full"}})
    assert refused.status_code == 403
    partial = await market.post(booking["id"], "refund-exceptions", provider, {
        "refund": {"kind": "partial", "amount_minor": 2000}, "reason": "Get well soon"})
    assert partial.status_code == 200, partial.text
    assert (partial.json()["refunded"]["amount_minor"], partial.json()["provider_keeps"]["amount_minor"]) == (2000,
                                                                                                              3000)
    too_much = await market.post(booking["id"], "refund-exceptions", provider, {
        "refund": {"kind": "partial", "amount_minor": 3001}})
    assert too_much.status_code == 422 and too_much.json()["errors"][0]["field"] == "refund.amount_minor"
    rest = await market.post(booking["id"], "refund-exceptions", provider, {"refund": {"kind": "full"}})
    assert rest.json()["provider_keeps"]["amount_minor"] == 0
    granted = await market.backstage.announced("booking.refund_exception_granted.v1", booking["id"])
    assert [(g["refund"]["amount_minor"], g["granted_by"]) for g in granted] == [(2000, "provider"),
                                                                                 (3000, "provider")]
    first = (await cancelled_event(market, booking))["refund_decision_id"]
    assert len({g["decision_id"] for g in granted} | {first}) == 3, "each decision has its own id"
    nothing = await market.post(booking["id"], "refund-exceptions", provider, {"refund": {"kind": "full"}})
    assert nothing.status_code == 409 and nothing.json()["type"] == "/problems/nothing-to-refund"
    seen = await cancellation(market, booking, student)
    assert [(d["amount"]["amount_minor"], d["decided_by"]) for d in seen["decisions"]] == [
        (0, "policy"), (2000, "provider"), (3000, "provider")]

    await market.backstage.fire(SETTLE, booking["id"])
    assert await market.backstage.announced("booking.cancellation_settled.v1", booking["id"]) == []


@pytest.mark.rule("CX-1")
async def test_what_the_provider_keeps_is_paid_to_them_when_the_cancellation_settles(new_market, clock):
    market = await new_market("lessons", platform_fee_bps=1000)
    student, provider = market.student(), await market.provider()
    booking = await market.paid_lesson(student=student, provider=provider)
    clock.at(starts(booking) - timedelta(hours=1))
    await market.post(booking["id"], "cancel", student, {"reason": "Forgot"})
    assert await market.backstage.fire(SETTLE, booking["id"]) == 1
    [settled] = await market.backstage.announced("booking.cancellation_settled.v1", booking["id"])
    assert (settled["kept"]["amount_minor"], settled["platform_fee_bps"]) == (5000, 1000)
    late = await market.post(booking["id"], "refund-exceptions", provider, {"refund": {"kind": "full"}})
    assert late.status_code == 409 and late.json()["type"] == "/problems/cancellation-settled"


@pytest.mark.rule("CX-2")
async def test_the_provider_chooses_the_refund_when_the_student_asked_and_refunds_in_full_when_they_caused_it(market):
    student, provider = market.student(), await market.provider()
    asked = await market.paid_lesson(student=student, provider=provider)
    caused = await market.paid_lesson(student=student, provider=provider)
    unchosen = await market.post(asked["id"], "cancel", provider, {"reason": "Student asked", "cause": "student"})
    assert unchosen.status_code == 422 and unchosen.json()["errors"][0]["field"] == "refund"
    kept = await market.post(asked["id"], "cancel", provider, {"reason": "Student asked", "cause": "student",
                                                               "refund": {"kind": "none"}})
    assert kept.status_code == 200
    event = await cancelled_event(market, asked)
    assert (event["refund"]["amount_minor"], event["refund_decided_by"], event["cause"]) == (0, "provider", "student")
    assert await market.backstage.strikes(market.id, provider.user_id) == []

    partial_refused = await market.post(caused["id"], "cancel", provider, {
        "reason": "Double-booked", "cause": "provider", "refund": {"kind": "partial", "amount_minor": 100}})
    assert partial_refused.status_code == 422 and "always refunded in full" in partial_refused.json()["detail"]
    assert (await market.post(caused["id"], "cancel", provider, {"reason": "Double-booked",
                                                                 "cause": "provider"})).status_code == 200
    event = await cancelled_event(market, caused)
    assert (event["refund"]["amount_minor"], event["cancelled_by"], event["cause"]) == (5000, "provider", "provider")
    assert await market.backstage.strikes(market.id, provider.user_id) == ["cancellation"]
    assert len(await market.backstage.announced("booking.provider_strike_recorded.v1", caused["id"])) == 1


@pytest.mark.rule("CX-3")
async def test_an_initial_therapy_session_is_cancelled_only_by_staff_who_confirm_decide_and_suggest(new_market):
    market = await new_market("therapy")
    student, provider = market.student(), await market.provider("dr-a", kinds=("therapy", "coaching"))
    same_kind = await market.provider("dr-b", kinds=("therapy",))
    other_kind = await market.provider("coach-c", kinds=("coaching",))
    await market.offering(same_kind, kind="therapy")
    await market.offering(other_kind, kind="coaching")
    booking = await market.paid_lesson(student=student, provider=provider, kind="therapy")

    for who in (student, provider):
        refused = await market.post(booking["id"], "cancel", who, {"reason": "Not a fit", "cause": "student",
                                                                   "refund": {"kind": "full"}})
        assert refused.status_code == 403 and refused.json()["type"] == "/problems/initial-session-staff-only"
    staff = market.staff()
    body = {"reason": "Not the best fit", "student_aware": True, "cause": "student"}
    assert (await market.post(booking["id"], "staff-cancel", staff, {**body, "student_aware": False})).status_code \
        == 422
    undecided = await market.post(booking["id"], "staff-cancel", staff, body)  # the lesson is under 48 h away
    assert undecided.status_code == 422 and undecided.json()["errors"][0]["field"] == "refund"
    listed = (await market.api.get(f"/v1/bookings/{booking['id']}/alternative-providers", headers=staff.headers))
    assert [p["provider_id"] for p in listed.json()] == ["dr-b"]
    wrong = await market.post(booking["id"], "staff-cancel", staff, {
        **body, "refund": {"kind": "full"}, "alternative_provider_ids": ["dr-b", "coach-c"]})
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "alternative_provider_ids[1]"
    by_card = await market.post(booking["id"], "staff-cancel", staff, {**body, "refund": {"kind": "full"},
                                                                       "refund_form": "card"})
    assert by_card.status_code == 422 and "paid with credits" in by_card.json()["detail"]

    done = await market.post(booking["id"], "staff-cancel", staff, {
        **body, "refund": {"kind": "partial", "amount_minor": 2500}, "alternative_provider_ids": ["dr-b"]})
    assert done.status_code == 200, done.text
    event = await cancelled_event(market, booking)
    assert (event["refund"]["amount_minor"], event["refund_decided_by"], event["alternative_provider_ids"]) == (
        2500, "staff", ["dr-b"])
    seen = await cancellation(market, booking, student)
    [alternative] = seen["alternatives"]
    assert seen["student_aware"] is True and (alternative["provider_id"], alternative["display_name"]) == ("dr-b",
                                                                                                          "Dr-B")
    assert alternative["first_free_slot"] is not None, "the student sees when they could book them"


@pytest.mark.rule("CX-3")
@pytest.mark.rule("CX-1")
async def test_a_follow_up_therapy_session_is_the_students_to_cancel_under_the_48_hour_window(new_market, clock):
    market = await new_market("therapy")
    student, provider = market.student(), await market.provider(kinds=("therapy",))
    first = await market.paid_lesson(student=student, provider=provider, kind="therapy")
    follow_up = await market.paid_lesson(student=student, provider=provider, kind="therapy")
    assert starts(follow_up) > starts(first)
    clock.at(starts(follow_up) - timedelta(hours=48) + SECOND)
    assert (await market.post(follow_up["id"], "cancel", student, {"reason": "Busy"})).status_code == 200
    assert (await cancelled_event(market, follow_up))["refund"]["amount_minor"] == 0


@pytest.mark.rule("CX-1")
async def test_a_card_paid_lesson_cancelled_by_the_rules_is_refunded_to_credits_unless_staff_choose_the_card(market):
    student, provider = market.student(), await market.provider()
    offering = await market.offering(provider)
    card_paid = []
    for slot in (await market.slots(offering["id"]))["slots"][:2]:
        booked = (await market.book(student, offering["id"], slot["starts_at"], method="card",
                                    payment_method_id="pm_1")).json()
        await market.wallet.capture(booked, method="card")
        card_paid.append(booked)
    by_rules, by_staff = card_paid
    await market.post(by_rules["id"], "cancel", student, {"reason": "Changed plans"})
    assert (await cancelled_event(market, by_rules))["refund_form"] == "credits"
    await market.post(by_staff["id"], "staff-cancel", market.staff(), {
        "reason": "Refund to card, asked by phone", "student_aware": True, "cause": "student",
        "refund": {"kind": "full"}, "refund_form": "card"})
    assert (await cancelled_event(market, by_staff))["refund_form"] == "card"


@pytest.mark.rule("CX-2")
async def test_cancel_and_move_racing_on_what_both_saw_exactly_one_wins(market):
    for _ in range(3):
        student, provider = market.student(), await market.provider(f"p-{_}")
        booking = await market.paid_lesson(student=student, provider=provider)
        new_time = (await market.offered(booking))[3]
        seen = f'"{booking["version"]}"'
        answers = await market.all_of(
            market.post(booking["id"], "cancel", student, {"reason": "Can't make it"}, if_match=seen),
            market.post(booking["id"], "edit-time", provider, {"starts_at": new_time, "student_agreed": True,
                                                               "note": "by phone"}, if_match=seen))
        assert sorted(a.status_code for a in answers) == [200, 412], [a.text for a in answers]
        [lost] = [a.json() for a in answers if a.status_code == 412]
        assert lost["type"] == "/problems/booking-changed"
        final = await market.get(booking["id"], student)
        moved = await market.backstage.announced("booking.booking_rescheduled.v1", booking["id"])
        cancelled = await market.backstage.announced("booking.booking_cancelled.v1", booking["id"])
        assert len(moved) + len(cancelled) == 1
        assert final["status"] == ("cancelled" if cancelled else "confirmed")
        assert final["starts_at"] == (new_time if moved else booking["starts_at"])


async def test_cancel_and_answer_without_if_match_take_turns_and_never_leave_a_moved_cancelled_slot_held(market):
    student, provider = market.student(), await market.provider()
    booking = await market.paid_lesson(student=student, provider=provider)
    new_time = (await market.offered(booking))[3]
    request = (await market.post(booking["id"], "reschedule-requests", provider, {"reason": "Clash"})).json()
    await market.all_of(market.post(booking["id"], "cancel", student, {"reason": "Never mind"}),
                        market.post(booking["id"], f"reschedule-requests/{request['id']}/pick", student,
                                    {"starts_at": new_time}))
    final = await market.get(booking["id"], student)
    assert final["status"] == "cancelled"
    offered = await market.offered(booking)
    assert booking["starts_at"] in offered and new_time in offered, "neither time stays held"
    assert len(await market.backstage.announced("booking.booking_cancelled.v1", booking["id"])) == 1


async def test_bad_cancellations_are_refused_and_change_nothing(market, clock):
    student, provider = market.student(), await market.provider()
    unpaid = await market.lesson(student=student, provider=provider)
    pending = await market.post(unpaid["id"], "cancel", student, {"reason": "x"})
    assert pending.status_code == 409 and pending.json()["current_status"] == "pending_payment"
    booking = await market.paid_lesson(student=student, provider=provider)
    assert (await market.post(booking["id"], "cancel", market.student("bob"), {"reason": "x"})).status_code == 404
    assert (await market.post(booking["id"], "cancel", market.staff(), {"reason": "x"})).status_code == 403
    assert (await market.post(booking["id"], "staff-cancel", student, {"reason": "x"})).status_code == 403
    stale = await market.post(booking["id"], "cancel", student, {"reason": "x"}, if_match='"0"')
    assert stale.status_code == 412 and stale.json()["current_version"] == booking["version"]

    clock.at(starts(booking) + SECOND)
    started = await market.post(booking["id"], "cancel", student, {"reason": "x"})
    assert started.status_code == 409 and started.json()["type"] == "/problems/lesson-started"
    assert (await market.get(booking["id"], student))["version"] == booking["version"]
    assert AUTO_CONFIRM in await market.backstage.timers(booking["id"])
    clock.resume()
    assert (await market.post(booking["id"], "cancel", student, {"reason": "x"})).status_code == 200
    twice = await market.post(booking["id"], "cancel", student, {"reason": "x"})
    assert twice.status_code == 409 and twice.json()["current_status"] == "cancelled"
    assert len(await market.backstage.announced("booking.booking_cancelled.v1", booking["id"])) == 1
