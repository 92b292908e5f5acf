"""A provider's account paused or reactivated (BK-5) is an alert to the provider (NT-2), whoever
changed it, each change once."""

from datetime import UTC, datetime, timedelta

import pytest

from shared.events import ProviderPaused, ProviderReactivated


def _subjects(inbox: dict) -> list[str]:
    return [item["subject"] for item in inbox["items"]]


@pytest.mark.rule("NT-2")
async def test_a_provider_is_told_of_their_own_pause_and_resume_once_each(community):
    provider = await community.with_email(community.provider())
    paused_at = datetime.now(UTC).replace(microsecond=0)
    pause = ProviderPaused(provider_id=provider.user_id, by="provider", paused_at=paused_at)
    first = await community.publish(pause, subject=f"provider/{provider.user_id}")
    await community.publish(pause, envelope=first)  # the broker redelivers it
    await community.publish(pause, subject=f"provider/{provider.user_id}")  # booking announces it again
    await community.publish(ProviderReactivated(provider_id=provider.user_id, by="provider",
                                                reactivated_at=paused_at + timedelta(hours=2)),
                            subject=f"provider/{provider.user_id}")

    inbox = await community.inbox(provider)
    assert _subjects(inbox) == ["Your account is active again", "Your account is paused"]
    resumed, paused = inbox["items"]
    assert {resumed["kind"], paused["kind"]} == {"booking"}
    assert "lessons already booked stand" in paused["lead"] and ["By", "you"] in paused["facts"]
    assert [f"{paused_at:%H:%M} (UTC)" in value for label, value in paused["facts"] if label == "Paused"] == [True]
    sent = await community.settled(user_id=provider.user_id)
    assert len(sent) == 2 and {d["status"] for d in sent} == {"sent"}
    assert sorted(m["Subject"] for m in community.mailbox.to(provider.email)) == [
        "Your account is active again", "Your account is paused"]


@pytest.mark.rule("NT-2")
async def test_a_provider_paused_and_reactivated_by_staff_is_told_why_and_that_only_staff_lift_it(community):
    provider, student = community.provider("p-staffed"), community.student()
    await community.confirmed_lesson(student, provider)
    at = datetime.now(UTC)
    await community.publish(ProviderPaused(provider_id=provider.user_id, by="staff", paused_at=at,
                                           staff_id="staff-1", reason="Too many late cancellations."),
                            subject=f"provider/{provider.user_id}")
    # Paused again later (after a reactivation): a new fact, a new alert.
    await community.publish(ProviderReactivated(provider_id=provider.user_id, by="staff", staff_id="staff-1",
                                                reactivated_at=at + timedelta(days=1)))
    await community.publish(ProviderPaused(provider_id=provider.user_id, by="staff", staff_id="staff-1",
                                           paused_at=at + timedelta(days=2)))

    items = (await community.inbox(provider))["items"]
    assert [i["subject"] for i in items] == [
        "Your account was paused by the marketplace's team", "Your account was reactivated by the marketplace's team",
        "Your account was paused by the marketplace's team", items[-1]["subject"]]
    assert items[-1]["subject"].startswith("New lesson booked")
    first_pause = items[2]
    assert ["Why", "Too many late cancellations."] in first_pause["facts"]
    assert ["By", "the marketplace's team"] in first_pause["facts"]
    assert "Only the marketplace's team can reactivate it" in first_pause["next_step"]
    assert all(label != "Why" for label, _ in items[0]["facts"])  # no reason given, none shown
    assert len((await community.inbox(student))["items"]) == 1  # the booking only: the pause isn't theirs
