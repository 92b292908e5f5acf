"""Discord by user id (NT-1): staff give the marketplace's bot webhook, a user gives their Discord
user id, and their alerts are posted there mentioning them and no one else, under NT-5's delivery
rules (429 waited out, 404 stops the webhook and its users are told in the platform)."""

import pytest

from shared.events import CreditsToppedUp, Money
from shared.testing.nodes import eventually

ANA, BEN = "123456789012345678", "98765432109876543"


def top_up(person, payment_id: str = "pay-1") -> CreditsToppedUp:
    return CreditsToppedUp(student_id=person.user_id, amount=Money(amount_minor=2000, currency="EUR"),
                           payment_id=payment_id)


async def test_only_staff_set_the_bot_webhook_validated_like_a_users_and_its_token_masked(community):
    url = "/v1/channels/marketplace-discord"
    staff, student = community.staff(), community.student()
    assert (await community.api.get(url, headers=staff.headers)).status_code == 404
    webhook_id, webhook_url = community.discord.new_webhook()
    assert (await community.api.put(url, json={"webhook_url": webhook_url}, headers=student.headers)).status_code == 403
    bad = await community.api.put(url, json={"webhook_url": "https://example.com/api/webhooks/1/x"},
                                  headers=staff.headers)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "webhook_url"

    put = await community.api.put(url, json={"webhook_url": webhook_url}, headers=staff.headers)
    assert put.status_code == 200
    shown = put.json()["webhook_url"]
    token = webhook_url.rsplit("/", 1)[1]
    assert token not in shown and shown.startswith(f"{community.discord.base_url}/{webhook_id}/{token[:4]}")
    assert (await community.api.get(url, headers=staff.headers)).json() == put.json()
    assert (await community.api.delete(url, headers=student.headers)).status_code == 403
    assert (await community.api.delete(url, headers=staff.headers)).status_code == 204
    assert (await community.api.get(url, headers=staff.headers)).status_code == 404


async def test_a_discord_user_id_is_validated_and_needs_the_marketplaces_bot(community):
    student = community.student()
    for wrong in ("12345", "abc456789012345678", "012345678901234567", "123456789012345678901"):
        response = await community.api.put("/v1/channels/discord", json={"user_id": wrong}, headers=student.headers)
        assert response.status_code == 422 and response.json()["errors"][0]["field"] == "user_id", wrong
    both = await community.api.put("/v1/channels/discord", json={"user_id": ANA, "webhook_url": "x"},
                                   headers=student.headers)
    assert both.status_code == 422
    no_bot = await community.api.put("/v1/channels/discord", json={"user_id": ANA}, headers=student.headers)
    assert no_bot.status_code == 409 and no_bot.json()["type"] == "/problems/marketplace-discord-unavailable"

    await community.with_bot_webhook()
    channel = await community.with_discord_user_id(student, ANA)
    assert (channel["address"], channel["through_marketplace_bot"], channel["active"]) == (ANA, True, True)


@pytest.mark.rule("NT-1")
@pytest.mark.rule("NT-5")
async def test_alerts_go_to_the_bot_webhook_mentioning_only_the_user_once_per_event(community, other_community):
    bot = await community.with_bot_webhook()
    ana, ben = community.student("ana"), community.student("ben")
    await community.with_discord_user_id(ana, ANA)
    own_webhook = await community.with_discord(ben)  # a webhook of one's own still works beside the bot
    await other_community.with_bot_webhook()  # another marketplace's bot gets nothing of this one

    first = await community.publish(top_up(ana))
    await community.publish(top_up(ana), envelope=first, wait=False)  # the broker redelivers it
    await community.handled(first, deliveries=2)
    await community.publish(top_up(ben, "pay-2"))

    [sent] = await community.settled(channel="discord", user_id=ana.user_id)
    assert sent["status"] == "sent" and sent["destination"].endswith(f"as <@{ANA}>")
    [post] = community.discord.posted(bot)
    assert post.json["content"] == f"<@{ANA}> EUR 20.00 added to your credits"
    assert post.json["allowed_mentions"] == {"parse": [], "users": [ANA]}
    assert post.json["embeds"][0]["title"] == "EUR 20.00 added to your credits"
    await community.settled(channel="discord", user_id=ben.user_id)
    [own] = community.discord.posted(own_webhook)
    assert own.json["allowed_mentions"] == {"parse": []} and "<@" not in own.json["content"]
    assert len(community.discord.posted(bot)) == 1


@pytest.mark.rule("NT-5")
async def test_the_bot_webhook_429_is_waited_out_and_its_404_stops_it_and_tells_its_users(community):
    bot = await community.with_bot_webhook()
    ana, ben = community.student("ana"), community.student("ben")
    await community.with_discord_user_id(ana, ANA)
    await community.with_discord_user_id(ben, BEN)

    community.discord.script(bot, (429, 0.5))
    await community.publish(top_up(ana))
    [sent] = await community.settled(channel="discord", user_id=ana.user_id)
    refused, posted = community.discord.attempts(bot)
    assert (refused.status, posted.status, sent["status"], sent["attempts"]) == (429, 200, "sent", 2)
    assert posted.at - refused.at >= 0.5

    community.discord.delete_webhook(bot)
    await community.publish(top_up(ben, "pay-2"))
    [failed] = await community.settled(channel="discord", user_id=ben.user_id)
    assert failed["status"] == "failed" and "404" in failed["last_error"]
    state = (await community.api.get("/v1/channels/marketplace-discord", headers=community.staff().headers)).json()
    assert state["active"] is False and "404" in state["disabled_reason"] and state["users"] == 0
    for person in (ana, ben):
        [channel] = (await community.api.get("/v1/channels", headers=person.headers)).json()
        assert channel["active"] is False and "bot webhook no longer exists" in channel["disabled_reason"]
        notice = (await community.inbox(person))["items"][0]
        assert notice["kind"] == "channel" and notice["subject"] == "Discord alerts are switched off"

    await community.publish(top_up(ana, "pay-3"))  # nothing more goes to the dead webhook
    assert len(community.discord.attempts(bot)) == 3
    assert not [d for d in await community.deliveries(channel="discord") if d["status"] == "pending"]

    new_bot = await community.with_bot_webhook()  # staff give a working one: its users are back
    [channel] = (await community.api.get("/v1/channels", headers=ana.headers)).json()
    assert channel["active"] is True
    await community.publish(top_up(ana, "pay-4"))

    async def posted_to_new_bot():
        return community.discord.posted(new_bot)

    [post] = await eventually(posted_to_new_bot)
    assert post.json["allowed_mentions"]["users"] == [ANA]
