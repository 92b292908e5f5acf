"""A report's steps (NT-2) go to the users they concern: the party who must answer a report or a
proposal, the proposer of a rejected one, both parties once staff are in and when it ends, with the
resolution and its money for each."""

from datetime import UTC, datetime, timedelta

import pytest

from notifications.alerts.rendering import Context
from notifications.alerts.table import ALERTS
from notifications.lessons.record import LessonRecord
from notifications.preferences.kinds import AlertKind
from shared.events import ProblemReported, ProposalRejected, ReportEscalated, ReportResolved, ResolutionProposed

START = datetime(2026, 7, 1, 16, 30, tzinfo=UTC)
IDS = {"report_id": "rep-1", "booking_id": "b-1", "student_id": "s-1", "provider_id": "p-1"}
LESSON = LessonRecord(marketplace_id="m", booking_id="b-1", student_id="s-1", provider_id="p-1", status="delivered",
                      starts_at=START, ends_at=START + timedelta(hours=1), price_minor=5000, currency="EUR")
BERLIN = Context("Europe/Berlin", LESSON)


def alerts(event, context: Context = BERLIN) -> dict[str, object]:
    """Each recipient's rendered alert, by role."""
    return {a.role: a.template(event, context) for a in ALERTS[event.event_type] if a.applies(event)}


def reported(role: str = "student", kind: str = "provider_absent", details: str | None = "Waited 20 minutes"):
    return ProblemReported(**IDS, reporter_id=f"{role[0]}-1", reporter_role=role, kind=kind, details_excerpt=details,
                           reported_at=START + timedelta(hours=2))


@pytest.mark.rule("NT-2")
def test_a_report_goes_to_the_other_party_with_what_was_reported_and_what_to_do():
    for_provider = alerts(reported())
    assert list(for_provider) == ["provider"]
    alert = for_provider["provider"]
    assert alert.kind is AlertKind.DISPUTE and alert.dedupe_key == "problem_reported:rep-1"
    assert alert.subject == "Your student reported a problem with a lesson"
    assert "the provider did not show up" in alert.lead
    assert ("In their words", "Waited 20 minutes") in alert.facts
    assert ("Lesson", "Wed 1 Jul 2026, 18:30 (Europe/Berlin)") in alert.facts
    assert "propose" in alert.next_step and "7 days" in alert.next_step

    own_miss = alerts(reported("provider", details=None))
    assert list(own_miss) == ["student"]
    assert own_miss["student"].lead == "Your provider reported that they missed your lesson."
    assert all(label != "In their words" for label, _ in own_miss["student"].facts)


@pytest.mark.rule("NT-2")
def test_a_proposal_goes_to_the_party_who_must_answer_with_its_money_and_deadline():
    proposed = ResolutionProposed(**IDS, proposal_id="pr-1", proposer_id="p-1", proposer_role="provider",
                                  resolution="split", refund_minor=1250, currency="EUR",
                                  answer_by=START + timedelta(days=7))
    [(role, alert)] = alerts(proposed).items()
    assert role == "student" and alert.dedupe_key == "resolution_proposed:pr-1"
    assert alert.subject == "Your provider proposes how to settle a report"
    assert ("Refund to the student", "EUR 12.50") in alert.facts
    assert ("Answer before", "Wed 8 Jul 2026, 18:30 (Europe/Berlin)") in alert.facts
    assert "Accept" in alert.next_step

    reschedule = proposed.model_copy(update={"resolution": "reschedule", "refund_minor": None, "currency": None})
    assert all(label != "Refund to the student" for label, _ in alerts(reschedule)["student"].facts)


@pytest.mark.rule("NT-2")
def test_a_rejection_goes_to_the_proposer():
    by_student = ProposalRejected(**IDS, proposal_id="pr-1", rejected_by="s-1")
    [(role, alert)] = alerts(by_student).items()
    assert role == "provider" and alert.lead.startswith("Your student rejected your proposal")
    assert alert.dedupe_key == "proposal_rejected:pr-1" and "escalate" in alert.next_step
    assert list(alerts(by_student.model_copy(update={"rejected_by": "p-1"}))) == ["student"]
    assert alerts(by_student.model_copy(update={"rejected_by": "someone-else"})) == {}


@pytest.mark.rule("NT-2")
def test_an_escalation_goes_to_both_parties_saying_who_escalated():
    by_student = ReportEscalated(**IDS, reason="party", escalated_by="s-1")
    both = alerts(by_student)
    assert both["student"].lead.startswith("You escalated the report")
    assert both["provider"].lead.startswith("Your student escalated the report")
    assert both["student"].dedupe_key == both["provider"].dedupe_key == "report_escalated:rep-1"
    assert "chat with your provider" in both["student"].next_step
    unanswered = alerts(ReportEscalated(**IDS, reason="unanswered"))
    assert {a.lead for a in unanswered.values()} == {
        "Nobody settled the report within 7 days, so it went to the marketplace's team."}


@pytest.mark.rule("NT-2")
def test_a_resolution_goes_to_both_parties_with_the_money_each_gets():
    decided = ReportResolved(**IDS, resolution="split", refund_minor=2000, currency="EUR", decided_by="staff")
    both = alerts(decided)
    assert both["student"].subject == both["provider"].subject == "A report about your lesson is resolved"
    assert "final" in both["student"].lead
    assert ("Refund to you", "EUR 20.00") in both["student"].facts
    assert ("Refund to the student", "EUR 20.00") in both["provider"].facts
    assert ("You receive", "EUR 30.00") in both["provider"].facts
    assert ("Decided by", "The marketplace's team") in both["provider"].facts

    agreed = alerts(ReportResolved(**IDS, resolution="reschedule", decided_by="parties"), Context("UTC"))
    assert ("Resolution", "Reschedule") in agreed["student"].facts
    assert ("Decided by", "You and your provider") in agreed["student"].facts
    assert all(label not in ("Refund to you", "Lesson") for label, _ in agreed["student"].facts)
    assert all(label != "You receive" for label, _ in agreed["provider"].facts)  # price unknown: no guess
    assert "new time" in agreed["student"].next_step
