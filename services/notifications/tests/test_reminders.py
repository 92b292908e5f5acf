"""Reminders before each lesson (NT-3) at the policy offsets, keyed by booking: they move with the
lesson and are never sent for one that no longer stands."""

from datetime import UTC, datetime, timedelta

import pytest

from shared.events import MarketplaceRegistered
from shared.testing.nodes import eventually

from .backstage import reminder_timers, set_lesson_status

SOON = timedelta(hours=1, seconds=2)  # the 1-hour reminder falls due two seconds from now


async def reminders(community, booking_id: str, who=None) -> list[dict]:
    response = await community.api.get("/v1/reminders", params={"booking_id": booking_id},
                                       headers=(who or community.staff()).headers)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.rule("NT-3")
async def test_a_confirmed_lesson_gets_reminders_a_day_and_an_hour_before(community, node):
    lesson = await community.confirmed_lesson(community.student(), community.provider(), timedelta(days=3))
    planned = await reminders(community, lesson.booking_id, who=community.student())
    assert [(r["offset_minutes"], r["status"]) for r in planned] == [(1440, "scheduled"), (60, "scheduled")]
    assert await reminder_timers(node.runtime, community.id, lesson.booking_id) == [
        lesson.starts_at - timedelta(hours=24), lesson.starts_at - timedelta(hours=1)]


@pytest.mark.rule("NT-3")
async def test_a_due_reminder_reaches_both_parties(community):
    student, provider = community.student(), await community.with_email(community.provider())
    lesson = await community.confirmed_lesson(student, provider, SOON)

    async def reminded(person):
        items = (await community.inbox(person))["items"]
        return [i for i in items if i["kind"] == "reminder"]

    [for_student] = await eventually(lambda: reminded(student))
    [for_provider] = await eventually(lambda: reminded(provider))
    assert for_student["subject"] == for_provider["subject"] == "Reminder: your lesson starts in 1 hour"
    assert ["Provider", provider.user_id] in for_student["facts"]
    assert ["Student", student.user_id] in for_provider["facts"]
    # The day-before reminder was already past when the lesson was booked: it never existed.
    assert [(r["offset_minutes"], r["status"]) for r in await reminders(community, lesson.booking_id)] == [(60, "sent")]
    await eventually(lambda: community.settled(user_id=provider.user_id, channel="email"))
    assert "Reminder: your lesson starts in 1 hour" in [m["Subject"] for m in community.mailbox.to(provider.email)]


@pytest.mark.rule("NT-3")
@pytest.mark.rule("RS-3")
async def test_reminders_move_with_the_lesson(community, node):
    lesson = await community.confirmed_lesson(community.student(), community.provider(), timedelta(days=3))
    later = lesson.starts_at + timedelta(days=2)
    await community.moved(lesson, later)

    assert await reminder_timers(node.runtime, community.id, lesson.booking_id) == [
        later - timedelta(hours=24), later - timedelta(hours=1)]
    states = {(datetime.fromisoformat(r["lesson_starts_at"]), r["offset_minutes"], r["status"]) for r in
              await reminders(community, lesson.booking_id)}
    old, new = lesson.starts_at, later
    assert states == {(old, 1440, "dropped"), (old, 60, "dropped"), (new, 1440, "scheduled"), (new, 60, "scheduled")}


@pytest.mark.rule("RS-3")
async def test_a_move_announced_earlier_but_handled_later_does_not_undo_a_newer_one(community, node):
    lesson = await community.confirmed_lesson(community.student(), community.provider(), timedelta(days=3))
    first, second = lesson.starts_at + timedelta(days=1), lesson.starts_at + timedelta(days=2)
    now = datetime.now(UTC)
    await community.moved(lesson, second, previous=first, envelope_time=now)
    await community.moved(lesson, first, envelope_time=now - timedelta(seconds=5))  # the older move, late
    assert await reminder_timers(node.runtime, community.id, lesson.booking_id) == [
        second - timedelta(hours=24), second - timedelta(hours=1)]


@pytest.mark.rule("NT-3")
@pytest.mark.rule("CX-1")
async def test_a_cancelled_lesson_loses_its_reminders(community, node):
    student = community.student()
    lesson = await community.confirmed_lesson(student, community.provider(), timedelta(days=3))
    await community.cancelled(lesson)
    assert await reminder_timers(node.runtime, community.id, lesson.booking_id) == []
    assert {r["status"] for r in await reminders(community, lesson.booking_id)} == {"dropped"}
    await community.moved(lesson, lesson.starts_at + timedelta(days=1))  # a move racing the cancellation, late
    assert await reminder_timers(node.runtime, community.id, lesson.booking_id) == []


@pytest.mark.rule("NT-3")
async def test_no_reminder_for_a_lesson_that_no_longer_stands(community, node):
    student = community.student()
    lesson = await community.confirmed_lesson(student, community.provider(), SOON)
    # The lesson ended behind the reminders' back (its drop lost): the timer's own look still holds it back.
    await set_lesson_status(node.runtime, community.id, lesson.booking_id, "released")

    async def fired():
        return [r["status"] for r in await reminders(community, lesson.booking_id) if r["status"] != "scheduled"]

    assert await eventually(fired) == ["skipped"]
    assert [i for i in (await community.inbox(student))["items"] if i["kind"] == "reminder"] == []


async def test_a_marketplace_sets_its_own_reminder_offsets(community, node):
    await community.publish(MarketplaceRegistered(marketplace_id=community.id, name="Studio", policy_preset="studio",
                                                  policy_overrides={"reminder_offsets_hours": [2]}))
    lesson = await community.confirmed_lesson(community.student(), community.provider(), timedelta(days=1))
    assert await reminder_timers(node.runtime, community.id, lesson.booking_id) == [
        lesson.starts_at - timedelta(hours=2)]


async def test_a_lesson_is_visible_to_its_parties_only(community):
    lesson = await community.confirmed_lesson(community.student(), community.provider(), timedelta(days=3))
    response = await community.api.get("/v1/reminders", params={"booking_id": lesson.booking_id},
                                       headers=community.student("student-2").headers)
    assert response.status_code == 404
