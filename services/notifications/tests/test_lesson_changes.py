"""A lesson asked to move, moved or cancelled alerts the users it concerns (NT-2): a request the
party asked, an answer the asker, a move both, a cancellation whoever didn't cancel."""

from datetime import timedelta

import pytest

from shared.events import RescheduleDeclined, RescheduleRequested


async def subjects(community, person) -> list[str]:
    return [i["subject"] for i in (await community.inbox(person))["items"]]


@pytest.mark.rule("NT-2")
@pytest.mark.rule("RS-2")
async def test_a_request_alerts_the_party_asked_and_its_refusal_the_asker(community):
    student, provider = community.student(), community.provider()
    lesson = await community.confirmed_lesson(student, provider)
    ids = {"request_id": "r-1", "booking_id": lesson.booking_id, "student_id": student.user_id,
           "provider_id": provider.user_id, "starts_at": lesson.starts_at}
    await community.publish(RescheduleRequested(**ids, asked_by="student", reason="Exams that week",
                                                proposed_starts_at=lesson.starts_at + timedelta(days=1),
                                                answer_by=lesson.starts_at))
    await community.publish(RescheduleDeclined(**ids, asked_by="student", declined_by="provider", reason="Full"))

    [asked, _booked] = (await community.inbox(provider))["items"]
    assert asked["subject"].startswith("Your student asks to move your lesson on")
    assert "Exams that week" in asked["lead"] and "Approve" in asked["next_step"]
    assert (await subjects(community, student))[0] == "Your request to move the lesson was declined"
    assert not any("asks to move" in s for s in await subjects(community, student))


@pytest.mark.rule("NT-2")
@pytest.mark.rule("RS-4")
async def test_a_move_alerts_both_and_tells_the_student_the_provider_stated_their_agreement(community):
    student, provider = community.student(), community.provider()
    lesson = await community.confirmed_lesson(student, provider)
    await community.moved(lesson, lesson.starts_at + timedelta(days=1), how="provider_edit")
    [for_student, _] = (await community.inbox(student))["items"]
    [for_provider, _] = (await community.inbox(provider))["items"]
    assert for_student["subject"].startswith("Your lesson moved to") and for_provider["subject"] == \
        for_student["subject"]
    assert "stating that you agreed" in for_student["lead"]


@pytest.mark.rule("NT-2")
@pytest.mark.rule("CX-1")
async def test_a_cancellation_alerts_whoever_did_not_cancel(community):
    student, provider = community.student(), community.provider()
    by_student = await community.confirmed_lesson(student, provider)
    await community.cancelled(by_student, by="student")
    assert [s for s in await subjects(community, student) if "cancelled" in s] == []
    [cancelled] = [i for i in (await community.inbox(provider))["items"] if "cancelled" in i["subject"]]
    assert ["You keep", "EUR 50.00"] in cancelled["facts"]

    by_staff = await community.confirmed_lesson(student, provider)
    await community.cancelled(by_staff, by="staff", refund_minor=5000)
    [for_student] = [i for i in (await community.inbox(student))["items"] if "was cancelled" in i["subject"]]
    assert ["Refund", "EUR 50.00 to your wallet credits"] in for_student["facts"]
    assert len([s for s in await subjects(community, provider) if "cancelled" in s]) == 2
