"""Channels and preferences are validated (PL-5): a malformed address, webhook or zone is a 422
naming the field, and changes nothing."""

import asyncio

import pytest


@pytest.mark.rule("NT-1")
async def test_a_user_sees_their_channels_and_where_each_kind_of_alert_goes(community):
    student = await community.with_email(community.student())
    await community.with_discord(student)
    choice = {"timezone": "Europe/Berlin", "alerts": {"reminder": ["email", "in_platform"], "chat": ["discord"]}}
    response = await community.api.put("/v1/preferences", json=choice, headers=student.headers)
    assert response.status_code == 200, response.text
    preferences = response.json()
    assert preferences["timezone"] == "Europe/Berlin"
    assert preferences["alerts"] == {"booking": ["discord", "email", "in_platform"],
                                     "payment": ["discord", "email", "in_platform"],
                                     "reminder": ["email", "in_platform"],
                                     "dispute": ["discord", "email", "in_platform"], "chat": ["discord"]}
    discord, email = preferences["channels"]  # by channel name
    assert email["address"] == student.email and email["active"]
    assert discord["address"].endswith("…" + discord["address"][-4:]) and len(discord["address"].split("/")[-1]) == 9


@pytest.mark.parametrize(("path", "body", "field"), [
    ("/v1/channels/email", {"address": "ana.example.com"}, "address"),
    ("/v1/channels/email", {"address": "ana@localhost"}, "address"),
    ("/v1/channels/email", {"address": "a..b@example.com"}, "address"),
    ("/v1/channels/discord", {"webhook_url": "https://evil.example.com/api/webhooks/123456789012345678/abc"},
     "webhook_url"),
    ("/v1/channels/discord", {"webhook_url": "https://discord.com/api/webhooks/not-an-id/token"}, "webhook_url"),
    ("/v1/preferences", {"timezone": "Mars/Olympus"}, "timezone"),
    ("/v1/preferences", {"alerts": {"gossip": ["email"]}}, "alerts.gossip.[key]"),
    ("/v1/preferences", {"alerts": {"chat": ["in_platform"]}}, "alerts"),
    ("/v1/preferences", {"alerts": {"payment": ["pigeon"]}}, "alerts.payment[0]"),
])
async def test_malformed_preferences_are_refused_naming_the_field(community, path, body, field):
    student = community.student()
    response = await community.api.put(path, json=body, headers=student.headers)
    assert response.status_code == 422, response.text
    assert field in [e["field"] for e in response.json()["errors"]]
    assert (await community.api.get("/v1/channels", headers=student.headers)).json() == []


async def test_a_discord_webhook_of_the_configured_base_is_accepted_whole(community, discord):
    student = community.student()
    _, url = discord.new_webhook()
    response = await community.api.put("/v1/channels/discord", json={"webhook_url": url}, headers=student.headers)
    assert response.status_code == 200 and response.json()["active"]


async def test_two_first_saves_of_one_users_preferences_at_once_both_succeed(community):
    # Found by the authorization matrix: the second insert of the same row failed with a 500.
    for _ in range(5):
        student = community.student()
        choices = [{"timezone": zone, "alerts": {}} for zone in ("Europe/Berlin", "Europe/Paris")]
        answers = await asyncio.gather(*(community.api.put("/v1/preferences", json=choice, headers=student.headers)
                                         for choice in choices))
        assert [answer.status_code for answer in answers] == [200, 200], [a.text for a in answers]
        stored = (await community.api.get("/v1/preferences", headers=student.headers)).json()["timezone"]
        assert stored in ("Europe/Berlin", "Europe/Paris")
