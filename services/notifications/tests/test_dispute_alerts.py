"""A report's steps alert the users they concern (NT-2), through the real broker: the other party of
a report, the party who must answer a proposal, the proposer of a rejected one, and both parties of an
escalation and of the end, with the resolution and its money; each fact once, however often it comes."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from shared.events import ProblemReported, ProposalRejected, ReportEscalated, ReportResolved, ResolutionProposed


async def subjects(community, person) -> list[str]:
    return [i["subject"] for i in (await community.inbox(person))["items"]]


@pytest.mark.rule("NT-2")
async def test_each_step_of_a_report_alerts_the_party_it_concerns(community):
    student, provider = community.student(), community.provider()
    lesson = await community.confirmed_lesson(student, provider, starts_in=timedelta(hours=-2))
    ids = {"report_id": uuid.uuid4().hex, "booking_id": lesson.booking_id, "student_id": student.user_id,
           "provider_id": provider.user_id}
    subject = f"booking/{lesson.booking_id}"
    await community.publish(ProblemReported(
        **ids, reporter_id=student.user_id, reporter_role="student", kind="provider_absent",
        details_excerpt="I waited 20 minutes", reported_at=datetime.now(UTC)), subject=subject)
    await community.publish(ResolutionProposed(
        **ids, proposal_id="pr-1", proposer_id=student.user_id, proposer_role="student",
        resolution="full_refund_to_student", refund_minor=5000, currency="EUR",
        answer_by=datetime.now(UTC) + timedelta(days=7)), subject=subject)
    await community.publish(ProposalRejected(**ids, proposal_id="pr-1", rejected_by=provider.user_id), subject=subject)

    [rejected, _booked] = (await community.inbox(student))["items"]  # no receipt of their own report or proposal
    assert rejected["kind"] == "dispute" and rejected["subject"] == "Your proposal to settle a report was rejected"
    [proposed, reported, _booked] = (await community.inbox(provider))["items"]
    assert reported["subject"] == "Your student reported a problem with a lesson"
    assert ["In their words", "I waited 20 minutes"] in reported["facts"] and ["Booking", lesson.booking_id] in \
        reported["facts"]
    assert proposed["subject"] == "Your student proposes how to settle a report"
    assert ["Refund to the student", "EUR 50.00"] in proposed["facts"] and "Accept" in proposed["next_step"]


@pytest.mark.rule("NT-2")
@pytest.mark.rule("NT-5")
async def test_an_escalation_and_a_resolution_alert_both_parties_once_on_every_channel(community):
    student = await community.with_email(community.student())
    provider = await community.with_email(community.provider())
    webhook = await community.with_discord(provider)
    booking_id = uuid.uuid4().hex
    ids = {"report_id": uuid.uuid4().hex, "booking_id": booking_id, "student_id": student.user_id,
           "provider_id": provider.user_id}
    subject = f"booking/{booking_id}"
    escalated = await community.publish(ReportEscalated(**ids, reason="party", escalated_by=provider.user_id),
                                        subject=subject)
    resolved = ReportResolved(**ids, resolution="split", refund_minor=1500, currency="EUR", decided_by="staff")
    first = await community.publish(resolved, subject=subject)
    await community.publish(resolved, envelope=first)  # the broker redelivers it
    await community.publish(resolved, subject=subject)  # and disputes announces it again under a new id
    await community.publish(escalated.data, envelope=escalated)

    assert await subjects(community, student) == await subjects(community, provider) == [
        "A report about your lesson is resolved", "A report about your lesson went to the marketplace's team"]
    [done, went] = (await community.inbox(student))["items"]
    assert went["lead"].startswith("Your provider escalated") and ["Refund to you", "EUR 15.00"] in done["facts"]
    assert "final" in done["lead"]

    sent = await community.settled(user_id=provider.user_id)
    assert sorted(d["channel"] for d in sent) == ["discord", "discord", "email", "email"]
    assert {d["status"] for d in sent} == {"sent"}
    assert [d["channel"] for d in await community.settled(user_id=student.user_id)] == ["email", "email"]
    assert sorted(m["Subject"] for m in community.mailbox.to(student.email)) == [
        "A report about your lesson is resolved", "A report about your lesson went to the marketplace's team"]
    posts = {p.json["embeds"][0]["title"]: p.json["embeds"][0] for p in community.discord.posted(webhook)}
    embed = posts["A report about your lesson is resolved"]
    assert {"name": "Refund to the student", "value": "EUR 15.00", "inline": True} in embed["fields"]
    assert "The marketplace's team decided" in embed["description"]
