"""The report state machine, who answers a proposal (DS-1), who brings a missed lesson to staff
(DS-4) and which endings mark the parties (DS-2), without I/O."""

import pytest

from disputes.arbitration.rules import ContactProviderFirst, check_may_escalate
from disputes.marks.rule import gives_marks
from disputes.proposals.answers import OwnProposal, ProposalNotPending, check_answerer
from disputes.reports.lifecycle import ReportStateConflict, ReportStatus, Step, can, next_status
from shared.auth import Identity, Role

S = ReportStatus


@pytest.mark.parametrize(("current", "step", "expected"), [
    (S.OPEN, Step.PROPOSE, S.OPEN), (S.OPEN, Step.REJECT, S.OPEN), (S.OPEN, Step.ACCEPT, S.RESOLVED),
    (S.OPEN, Step.ESCALATE, S.ESCALATED), (S.ESCALATED, Step.DECIDE, S.DECIDED),
])
def test_allowed_steps(current, step, expected):
    assert can(current, step) and next_status(current, step) is expected


@pytest.mark.parametrize(("current", "step", "slug"), [
    (S.RESOLVED, Step.PROPOSE, "report-not-open"), (S.ESCALATED, Step.ACCEPT, "report-not-open"),
    (S.ESCALATED, Step.ESCALATE, "report-not-open"), (S.OPEN, Step.DECIDE, "report-not-escalated"),
    (S.DECIDED, Step.DECIDE, "decision-final"), (S.DECIDED, Step.PROPOSE, "decision-final"),
])
def test_a_wrong_step_is_a_conflict_naming_the_status(current, step, slug):
    with pytest.raises(ReportStateConflict) as refused:
        next_status(current, step)
    assert (refused.value.status, refused.value.slug) == (409, slug)
    assert refused.value.extensions["current_status"] == current.value


def test_the_other_party_answers_a_pending_proposal():
    check_answerer("s", "student", "pending", Identity("p", Role.PROVIDER, "m"))
    with pytest.raises(OwnProposal):
        check_answerer("s", "student", "pending", Identity("s", Role.STUDENT, "m"))
    with pytest.raises(ProposalNotPending):
        check_answerer("s", "student", "rejected", Identity("p", Role.PROVIDER, "m"))


@pytest.mark.rule("DS-4")
@pytest.mark.parametrize(("kind", "role", "contacted", "allowed"), [
    ("provider_absent", Role.STUDENT, False, False),
    ("provider_absent", Role.STUDENT, True, True),
    ("provider_absent", Role.PROVIDER, False, True),
    ("technical_problem", Role.STUDENT, False, True),
    ("student_absent", Role.STUDENT, False, True),
])
def test_a_student_brings_a_missed_lesson_to_staff_only_after_contacting_the_provider(kind, role, contacted, allowed):
    if allowed:
        check_may_escalate(kind, role, contacted)
    else:
        with pytest.raises(ContactProviderFirst) as refused:
            check_may_escalate(kind, role, contacted)
        assert refused.value.extensions["condition"] == "student_contacted_provider"


@pytest.mark.rule("DS-2")
@pytest.mark.parametrize(("resolution", "marked"), [
    ("reschedule", False), ("split", True), ("full_refund_to_student", True), ("full_payment_to_provider", True),
    ("provider_refunded_credits", True),
])
def test_every_ending_but_a_reschedule_marks_the_parties(resolution, marked):
    assert gives_marks(resolution) is marked
