"""Staff in a dispute (NT-1, DS-3): once a report between a student and a provider is escalated,
staff of the marketplace read the pair's thread (never write in it) until the report is resolved."""

import uuid

import pytest

from shared.events import ReportEscalated, ReportResolved


def escalation(student, provider, report_id: str | None = None) -> ReportEscalated:
    return ReportEscalated(report_id=report_id or uuid.uuid4().hex, booking_id=uuid.uuid4().hex, reason="party",
                           escalated_by=student.user_id, student_id=student.user_id, provider_id=provider.user_id)


def resolution(escalated: ReportEscalated) -> ReportResolved:
    return ReportResolved(report_id=escalated.report_id, booking_id=escalated.booking_id, resolution="split",
                          refund_minor=2500, currency="EUR", decided_by="staff", student_id=escalated.student_id,
                          provider_id=escalated.provider_id)


@pytest.mark.rule("NT-1")
async def test_staff_read_the_thread_of_an_escalated_report_until_it_is_resolved(community, other_community):
    student, provider, staff = community.student(), community.provider(), community.staff()
    thread = await community.open_chat(student, provider)
    await community.say(student, thread, "You didn't show up.")
    await community.say(provider, thread, "I was there at 10.")
    other = await community.open_chat(community.student("student-2"), provider)
    thread_url, messages_url = f"/v1/chats/{thread['id']}", f"/v1/chats/{thread['id']}/messages"
    assert (await community.api.get(messages_url, headers=staff.headers)).status_code == 403

    escalated = escalation(student, provider)
    await community.publish(escalated, subject=f"booking/{escalated.booking_id}")

    shown = (await community.api.get(thread_url, headers=staff.headers)).json()
    assert shown["id"] == thread["id"] and shown["dispute_report_ids"] == [escalated.report_id]
    read = (await community.api.get(messages_url, headers=staff.headers)).json()
    assert [m["body"] for m in read["items"]] == ["I was there at 10.", "You didn't show up."]
    assert all(m["read_at"] is None for m in read["items"])  # staff reading marks nothing read
    [listed] = (await community.api.get("/v1/chats", headers=staff.headers)).json()["items"]
    assert listed["id"] == thread["id"] and listed["dispute_report_ids"] == [escalated.report_id]

    written = await community.api.post(messages_url, json={"body": "Staff here"}, headers=staff.headers)
    assert written.status_code == 403
    assert (await community.api.post(f"{thread_url}/read", json={}, headers=staff.headers)).status_code == 403
    assert (await community.api.get(f"/v1/chats/{other['id']}/messages", headers=staff.headers)).status_code == 403
    elsewhere = other_community.staff().headers
    assert (await community.api.get(messages_url, headers=elsewhere)).status_code == 403
    assert (await community.api.get(messages_url, headers=community.student("student-2").headers)).status_code == 404

    await community.publish(resolution(escalated), subject=f"booking/{escalated.booking_id}")
    assert (await community.api.get(messages_url, headers=staff.headers)).status_code == 403
    assert (await community.api.get("/v1/chats", headers=staff.headers)).json()["items"] == []


@pytest.mark.rule("NT-1")
async def test_a_resolution_that_arrives_before_its_escalation_keeps_the_thread_closed(community):
    student, provider, staff = community.student(), community.provider(), community.staff()
    thread = await community.open_chat(student, provider)
    escalated = escalation(student, provider)
    await community.publish(resolution(escalated), subject=f"booking/{escalated.booking_id}")
    first = await community.publish(escalated, subject=f"booking/{escalated.booking_id}")
    await community.publish(escalated, envelope=first, wait=False)  # and once more, redelivered
    await community.handled(first, deliveries=2)
    assert (await community.api.get(f"/v1/chats/{thread['id']}", headers=staff.headers)).status_code == 403

    later = escalation(student, provider)  # a later report of the same pair opens it again
    await community.publish(later, subject=f"booking/{later.booking_id}")
    shown = (await community.api.get(f"/v1/chats/{thread['id']}", headers=staff.headers)).json()
    assert shown["dispute_report_ids"] == [later.report_id]
