"""Chat (NT-1): one thread per student-provider pair, its two parties only, newest first, with
read state; each message is announced for the contact-first rule."""

import json

import pytest
from sqlalchemy import select

from shared.messaging.outbox import outbox_table


@pytest.mark.rule("NT-1")
async def test_a_pair_has_one_thread_whoever_opens_it(community):
    student, provider = community.student(), community.provider()
    from_student = await community.open_chat(student, provider)
    from_provider = await community.open_chat(provider, student)
    assert from_student["id"] == from_provider["id"]
    assert (from_student["student_id"], from_student["provider_id"]) == (student.user_id, provider.user_id)
    assert (await community.api.post("/v1/chats", json={"counterpart_id": student.user_id},
                                     headers=student.headers)).status_code == 422


@pytest.mark.rule("NT-1")
async def test_messages_read_newest_first_page_by_page_with_read_state(community):
    student, provider = community.student(), community.provider()
    thread = await community.open_chat(student, provider)
    for n in range(5):
        await community.say(student if n % 2 == 0 else provider, thread, f"message {n}")

    url = f"/v1/chats/{thread['id']}/messages"
    first = (await community.api.get(url, params={"limit": 3}, headers=provider.headers)).json()
    rest = (await community.api.get(url, params={"limit": 3, "cursor": first["next_cursor"]},
                                    headers=provider.headers)).json()
    assert [m["body"] for m in first["items"] + rest["items"]] == [f"message {n}" for n in (4, 3, 2, 1, 0)]
    assert rest["next_cursor"] is None

    [listed] = (await community.api.get("/v1/chats", headers=provider.headers)).json()["items"]
    assert listed["unread"] == 3  # messages 0, 2 and 4, from the student
    up_to = first["items"][2]["id"]  # message 2
    marked = await community.api.post(f"/v1/chats/{thread['id']}/read", json={"up_to": up_to}, headers=provider.headers)
    assert marked.json() == {"marked_read": 2}
    after = (await community.api.get(url, headers=provider.headers)).json()["items"]
    assert [m["read_at"] is not None for m in after if m["sender_id"] == student.user_id] == [False, True, True]


@pytest.mark.rule("NT-1")
async def test_only_the_two_parties_read_a_thread(community, other_community):
    student, provider = community.student(), community.provider()
    thread = await community.open_chat(student, provider)
    await community.say(student, thread, "hello")
    url = f"/v1/chats/{thread['id']}/messages"

    stranger = community.student("student-2")
    assert (await community.api.get(url, headers=stranger.headers)).status_code == 404
    assert (await community.api.post(url, json={"body": "hi"}, headers=stranger.headers)).status_code == 404
    assert (await community.api.get("/v1/chats", headers=stranger.headers)).json()["items"] == []
    assert (await community.api.get(url, headers=community.staff().headers)).status_code == 403
    same_id_elsewhere = other_community.student(student.user_id)
    assert (await community.api.get(url, headers=same_id_elsewhere.headers)).status_code == 404


async def test_a_message_is_announced_for_the_contact_first_rule(community, node):
    student, provider = community.student(), community.provider()
    thread = await community.open_chat(student, provider)
    message = await community.say(student, thread, "You didn't show up; can we talk?")

    async with node.runtime.engine.connect() as conn:
        bodies = (await conn.execute(select(outbox_table.c.body).where(
            outbox_table.c.event_type == "notifications.chat_message_sent.v1"))).scalars().all()
    [event] = [json.loads(b) for b in bodies if message["id"] in b]
    assert event["marketplace"] == community.id and event["subject"] == f"chat/{thread['id']}"
    assert event["data"] == {
        "thread_id": thread["id"], "message_id": message["id"], "sender_id": student.user_id,
        "sender_role": "student", "recipient_id": provider.user_id, "student_id": student.user_id,
        "provider_id": provider.user_id, "sent_at": event["data"]["sent_at"]}
    assert "You didn't show up" not in json.dumps(event)  # the text stays in the chat


async def test_a_blank_message_is_refused(community):
    student = community.student()
    thread = await community.open_chat(student, community.provider())
    response = await community.api.post(f"/v1/chats/{thread['id']}/messages", json={"body": "   "},
                                        headers=student.headers)
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "body"
