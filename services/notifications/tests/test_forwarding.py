"""Unread chat forwarding (NT-4): after the policy delay (0.6 s in this suite), an unread message goes
to the recipient's email and Discord once; one read before then goes nowhere."""

import asyncio

import pytest

DELAY_AND_MARGIN_S = 1.5


@pytest.mark.rule("NT-4")
async def test_a_message_read_before_the_delay_is_not_forwarded(community):
    student, provider = community.student(), await community.with_email(community.provider())
    webhook = await community.with_discord(provider)
    thread = await community.open_chat(student, provider)
    await community.say(student, thread, "Are we still on for tomorrow?")
    await community.api.post(f"/v1/chats/{thread['id']}/read", json={}, headers=provider.headers)

    await asyncio.sleep(DELAY_AND_MARGIN_S)
    assert community.mailbox.to(provider.email) == [] and community.discord.attempts(webhook) == []
    assert await community.deliveries(user_id=provider.user_id) == []


@pytest.mark.rule("NT-4")
async def test_an_unread_message_is_forwarded_once_by_email_and_discord(community):
    student, provider = community.student(), await community.with_email(community.provider())
    webhook = await community.with_discord(provider)
    thread = await community.open_chat(student, provider)
    await community.say(student, thread, "My connection dropped, can we reschedule?")

    sent = await community.settled(user_id=provider.user_id)
    assert sorted(d["channel"] for d in sent) == ["discord", "email"] and {d["status"] for d in sent} == {"sent"}
    await asyncio.sleep(DELAY_AND_MARGIN_S)  # nothing more comes later
    [email] = community.mailbox.to(provider.email)
    assert email["Subject"] == "Unread message from your student"
    assert "My connection dropped, can we reschedule?" in email.get_content()
    [post] = community.discord.posted(webhook)
    assert post.json["embeds"][0]["description"] == "My connection dropped, can we reschedule?"
    assert (await community.inbox(provider))["items"] == []  # the chat shows it in the platform
