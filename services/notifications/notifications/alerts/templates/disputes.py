"""Templates of a report's steps (MS-1, DS-1 to DS-5): a problem reported and a resolution proposed
to the party who must answer, a rejection to the proposer, an escalation and the end to both parties.
The reporter or proposer gets no receipt: they just did it, as with a reschedule request."""

from notifications.alerts.rendering import Context, RenderedAlert, fact_key, known, money
from notifications.preferences.kinds import AlertKind
from shared.events import Money, ProblemReported, ProposalRejected, ReportEscalated, ReportResolved, ResolutionProposed

DISPUTE = AlertKind.DISPUTE
_WHO = {"student": "Your student", "provider": "Your provider"}
_THEM = {"student": "your student", "provider": "your provider"}
_PROBLEMS = {"provider_absent": "the provider did not show up", "student_absent": "the student did not show up",
             "technical_problem": "a technical problem got in the way of the lesson"}
_PROPOSALS = {"reschedule": "Reschedule the lesson", "full_payment_to_provider": "The provider keeps the full payment",
              "full_refund_to_student": "The student gets a full refund", "split": "Split the payment"}
_RESOLUTIONS = {
    "reschedule": "Reschedule", "full_payment_to_provider": "Full payment to the provider",
    "full_refund_to_student": "Full refund to the student", "split": "Payment split",
    "provider_resolved_with_promo_code": "Promo code from the provider",
    "provider_refunded_credits": "Credit refund from the provider", "platform_refunded": "Refund by the marketplace",
}
_ENDINGS = {
    "reschedule": "The lesson will be rescheduled; no money moves.",
    "full_payment_to_provider": "The provider keeps the full payment.",
    "full_refund_to_student": "The student gets a full refund.",
    "split": "The payment is split between the student and the provider.",
    "provider_resolved_with_promo_code": "The provider settled it with a promo code for the student.",
    "provider_refunded_credits": "The provider refunded the student in wallet credits.",
    "platform_refunded": "The marketplace refunded the student.",
}


# The endings of the missed-lesson flow: booking's miss_resolved tells them (templates/misses.py), so the
# report_resolved that follows them alerts nobody again.
SETTLED_MISS = frozenset({"provider_resolved_with_promo_code", "provider_refunded_credits", "platform_refunded"})


def not_a_settled_miss(d: ReportResolved) -> bool:
    return d.resolution not in SETTLED_MISS


def role_of(user_id: str | None, d) -> str | None:
    """Which party a user id is in the event: "student", "provider", or None (nobody, or staff)."""
    return {d.student_id: "student", d.provider_id: "provider"}.get(user_id) if user_id else None


def other(role: str) -> str:
    return "provider" if role == "student" else "student"


def _amount(minor: int | None, currency: str | None) -> str | None:
    return money(Money(amount_minor=minor, currency=currency)) if minor is not None and currency else None


def reported_to_other_party(d: ProblemReported, c: Context) -> RenderedAlert:
    own_miss = d.kind == "provider_absent" and d.reporter_role == "provider"
    lead = ("Your provider reported that they missed your lesson." if own_miss
            else f"{_WHO[d.reporter_role]} reported a problem with your lesson: {_PROBLEMS[d.kind]}.")
    return RenderedAlert(
        DISPUTE, fact_key(d.event_type, d.report_id), f"{_WHO[d.reporter_role]} reported a problem with a lesson",
        lead,
        known(("Lesson", c.lesson_time()), ("Problem", _PROBLEMS[d.kind]), ("In their words", d.details_excerpt),
              ("Reported", c.when(d.reported_at)), ("Report", d.report_id), ("Booking", d.booking_id)),
        "Open the report to answer: accept their proposal if they made one, or propose how to settle it. "
        "Unanswered for 7 days, it goes to the marketplace's team.")


def proposed_to_other_party(d: ResolutionProposed, c: Context) -> RenderedAlert:
    refund = _amount(d.refund_minor, d.currency)
    return RenderedAlert(
        DISPUTE, fact_key(d.event_type, d.proposal_id), f"{_WHO[d.proposer_role]} proposes how to settle a report",
        f"{_WHO[d.proposer_role]} proposes: {_PROPOSALS[d.resolution].lower()}.",
        known(("Proposal", _PROPOSALS[d.resolution]),
              ("Refund to the student", refund if d.refund_minor else None),
              ("Answer before", c.when(d.answer_by)), ("Lesson", c.lesson_time()), ("Report", d.report_id),
              ("Booking", d.booking_id)),
        "Accept it to settle the report, or reject it and propose something else. Unanswered, the report goes "
        "to the marketplace's team.")


def proposer_of(d: ProposalRejected) -> str | None:
    """The party who made the rejected proposal: the one who didn't reject it."""
    rejecter = role_of(d.rejected_by, d)
    return other(rejecter) if rejecter else None


def rejected_for_proposer(d: ProposalRejected, c: Context) -> RenderedAlert:
    return RenderedAlert(
        DISPUTE, fact_key(d.event_type, d.proposal_id), "Your proposal to settle a report was rejected",
        f"{_WHO[role_of(d.rejected_by, d)]} rejected your proposal; the report stays open.",
        known(("Lesson", c.lesson_time()), ("Report", d.report_id), ("Booking", d.booking_id)),
        "Talk it over in the chat and propose something else, or escalate the report to the marketplace's team.")


def escalated_for_student(d: ReportEscalated, c: Context) -> RenderedAlert:
    return _escalated(d, c, "student")


def escalated_for_provider(d: ReportEscalated, c: Context) -> RenderedAlert:
    return _escalated(d, c, "provider")


def _escalated(d: ReportEscalated, c: Context, role: str) -> RenderedAlert:
    by = role_of(d.escalated_by, d)
    if d.reason == "unanswered":
        lead = "Nobody settled the report within 7 days, so it went to the marketplace's team."
    elif by is None:
        lead = "The report was escalated: the marketplace's team will decide it."
    elif by == role:
        lead = "You escalated the report: the marketplace's team will decide it."
    else:
        lead = f"{_WHO[by]} escalated the report: the marketplace's team will decide it."
    return RenderedAlert(
        DISPUTE, fact_key(d.event_type, d.report_id), "A report about your lesson went to the marketplace's team",
        lead, known(("Lesson", c.lesson_time()), ("Report", d.report_id), ("Booking", d.booking_id)),
        f"The team reads your chat with {_THEM[other(role)]} while they decide; keep to the facts there. "
        "Their decision is final.")


def resolved_for_student(d: ReportResolved, c: Context) -> RenderedAlert:
    refund = _amount(d.refund_minor, d.currency)
    return _resolved(d, c, "student", known(("Refund to you", refund)),
                     "Book a new time with your provider." if d.resolution == "reschedule" else None)


def resolved_for_provider(d: ReportResolved, c: Context) -> RenderedAlert:
    refund = _amount(d.refund_minor, d.currency)
    lesson = c.lesson
    keeps = None
    if d.refund_minor is not None and lesson and lesson.price_minor is not None and lesson.currency == d.currency:
        keeps = _amount(max(lesson.price_minor - d.refund_minor, 0), d.currency)
    return _resolved(d, c, "provider", known(("Refund to the student", refund), ("You receive", keeps)),
                     "Agree a new time with your student." if d.resolution == "reschedule" else None)


def _resolved(d: ReportResolved, c: Context, role: str, money_facts: tuple, next_step: str | None) -> RenderedAlert:
    if d.decided_by == "staff":
        by, decided = "The marketplace's team decided the report; the decision is final.", "The marketplace's team"
    else:
        by, decided = "The report was settled by agreement.", f"You and {_THEM[other(role)]}"
    return RenderedAlert(
        DISPUTE, fact_key(d.event_type, d.report_id), "A report about your lesson is resolved",
        f"{by} {_ENDINGS[d.resolution]}",
        (("Resolution", _RESOLUTIONS[d.resolution]), *money_facts, ("Decided by", decided),
         *known(("Lesson", c.lesson_time()), ("Report", d.report_id), ("Booking", d.booking_id))),
        next_step)
