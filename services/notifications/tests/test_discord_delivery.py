"""Discord deliveries as Discord answers them (NT-5): a 429 is waited out, a 404 disables the
webhook and the user is told in the platform, and what keeps failing is recorded, listed, replayable."""

import asyncio

import pytest

from notifications.service import service
from shared.events import CreditsToppedUp, Money
from shared.scheduler import TimerScheduler
from shared.testing.nodes import eventually


def top_up(person, payment_id: str = "pay-1") -> CreditsToppedUp:
    return CreditsToppedUp(student_id=person.user_id, amount=Money(amount_minor=2000, currency="EUR"),
                           payment_id=payment_id)


@pytest.mark.rule("NT-5")
async def test_a_429_is_waited_out_for_as_long_as_discord_asks(community):
    student = community.student()
    webhook = await community.with_discord(student)
    community.discord.script(webhook, (429, 0.6))
    await community.publish(top_up(student))

    [sent] = await community.settled(channel="discord", user_id=student.user_id)
    refused, posted = community.discord.attempts(webhook)
    assert (refused.status, posted.status, sent["status"]) == (429, 200, "sent")
    assert posted.at - refused.at >= 0.6
    assert sent["attempts"] == 2 and "429" in sent["last_error"]


@pytest.mark.rule("NT-5")
async def test_a_webhook_discord_no_longer_knows_is_disabled_and_the_user_told_in_the_platform(community):
    student = community.student()
    webhook = await community.with_discord(student)
    community.discord.delete_webhook(webhook)
    await community.publish(top_up(student))

    [failed] = await community.settled(channel="discord", user_id=student.user_id)
    assert failed["status"] == "failed" and "404" in failed["last_error"] and failed["attempts"] == 1
    [discord] = (await community.api.get("/v1/channels", headers=student.headers)).json()
    assert discord["active"] is False and "404" in discord["disabled_reason"]
    notice, top_up_alert = (await community.inbox(student))["items"]
    assert notice["kind"] == "channel" and notice["subject"] == "Discord alerts are switched off"
    assert top_up_alert["kind"] == "payment"

    await community.publish(top_up(student, "pay-2"))  # nothing more goes to the dead webhook
    assert len(community.discord.attempts(webhook)) == 1
    assert not any(d["channel"] == "discord" and d["status"] == "pending" for d in await community.deliveries())


@pytest.mark.rule("NT-5")
async def test_a_delivery_that_exhausts_its_retries_is_failed_listed_and_replayable(community):
    student = community.student()
    webhook = await community.with_discord(student)
    community.discord.script(webhook, 502, 500, 503)  # one try and both retries of FAST's back-off
    await community.publish(top_up(student))

    [failed] = await community.settled(channel="discord", user_id=student.user_id)
    assert failed["status"] == "failed" and failed["attempts"] == 3
    assert "503" in failed["last_error"] and "gave up after 3 attempts" in failed["last_error"]
    listed = await community.deliveries(status="failed")
    assert [d["id"] for d in listed] == [failed["id"]]
    assert listed[0]["alert_subject"] == "EUR 20.00 added to your credits"

    replayed = await community.api.post(f"/v1/deliveries/{failed['id']}/replay", headers=community.staff().headers)
    assert replayed.status_code == 200 and replayed.json()["status"] == "pending"
    [sent] = await community.settled(channel="discord", user_id=student.user_id)
    assert sent["status"] == "sent" and len(community.discord.posted(webhook)) == 1


async def test_a_retry_due_after_the_channel_was_removed_is_cancelled(community):
    student = community.student()
    webhook = await community.with_discord(student)
    community.discord.script(webhook, 500)
    await community.publish(top_up(student))

    async def first_try_failed():
        return community.discord.attempts(webhook)

    await eventually(first_try_failed)  # a retry is due in FAST's 0.2 s
    await community.api.delete("/v1/channels/discord", headers=student.headers)

    [cancelled] = await community.settled(user_id=student.user_id)
    assert cancelled["status"] == "cancelled" and "removed their discord channel" in cancelled["last_error"]
    assert len(community.discord.attempts(webhook)) == 1


async def test_the_delivery_log_is_for_the_marketplaces_staff_only(community, other_community):
    student = community.student()
    await community.with_discord(student)
    await community.publish(top_up(student))
    [delivery] = await community.settled(user_id=student.user_id)

    assert (await community.api.get("/v1/deliveries", headers=student.headers)).status_code == 403
    elsewhere = other_community.staff().headers
    assert (await community.api.get(f"/v1/deliveries/{delivery['id']}", headers=elsewhere)).status_code == 404
    assert (await community.api.post(f"/v1/deliveries/{delivery['id']}/replay", headers=elsewhere)).status_code == 404
    again = await community.api.post(f"/v1/deliveries/{delivery['id']}/replay", headers=community.staff().headers)
    assert again.status_code == 409 and again.json()["type"] == "/problems/delivery-not-replayable"


@pytest.mark.rule("NT-5")
async def test_schedulers_in_several_replicas_send_each_delivery_once(community, node):
    student = community.student()
    webhook = await community.with_discord(student)
    for n in range(12):
        await community.publish(top_up(student, f"pay-{n}"), wait=False)
    replicas = [TimerScheduler(service.timers, node.runtime.uow, 0.01) for _ in range(3)]
    runs = [asyncio.create_task(r.run()) for r in replicas]  # besides the suite's own scheduler
    try:
        sent = await eventually(lambda: _all_sent(community, student, 12))
    finally:
        for run in runs:
            run.cancel()
        await asyncio.gather(*runs, return_exceptions=True)
    assert len(sent) == 12 and len(community.discord.attempts(webhook)) == 12
    assert sorted(p.json["content"] for p in community.discord.posted(webhook)) == sorted(
        d["alert_subject"] for d in sent)


async def _all_sent(community, student, count: int) -> list[dict] | None:
    found = await community.deliveries(user_id=student.user_id, status="sent")
    return found if len(found) == count else None
