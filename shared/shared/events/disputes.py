"""Events the disputes service publishes. Subject: `booking/<booking_id>`, the lesson a report is about.

A report's life: problem_reported, then resolution_proposed / proposal_rejected while the parties
talk, report_escalated when it goes to staff, and report_resolved once, when it ends (agreed by the
parties or decided by staff). Booking follows report_resolved (and turns a provider_absent report
into its own lesson_missed); the wallet carries out the money of a resolution.
"""

from datetime import datetime
from typing import Literal

from shared.events.envelope import EventData, event_schema

ReporterRole = Literal["student", "provider"]
ProblemKind = Literal["provider_absent", "student_absent", "technical_problem"]
# What the parties can propose to each other (DS-1).
ProposedResolution = Literal["reschedule", "full_payment_to_provider", "full_refund_to_student", "split"]
# Every way a report can end: a proposal accepted, a staff decision, or the missed-lesson flow
# (the provider's promo code or credit refund, the platform's refund) closing it.
Resolution = Literal["reschedule", "full_payment_to_provider", "full_refund_to_student", "split",
                     "provider_resolved_with_promo_code", "provider_refunded_credits", "platform_refunded"]


@event_schema("disputes.problem_reported.v1")
class ProblemReported(EventData):
    """After a lesson's start, one of its parties reported that it did not happen as booked (MS-1).
    A provider_absent report by the provider is the provider declaring their own miss."""

    report_id: str
    booking_id: str
    reporter_id: str
    reporter_role: ReporterRole
    kind: ProblemKind
    details_excerpt: str | None = None  # the start of what the reporter wrote, for alerts
    student_id: str
    provider_id: str
    reported_at: datetime


@event_schema("disputes.resolution_proposed.v1")
class ResolutionProposed(EventData):
    """One party proposed how to settle a report; the other accepts or rejects it by `answer_by`."""

    report_id: str
    booking_id: str
    proposal_id: str
    proposer_id: str
    proposer_role: ReporterRole
    resolution: ProposedResolution
    refund_minor: int | None = None  # to the student; the rest of the price to the provider
    currency: str | None = None
    student_id: str
    provider_id: str
    answer_by: datetime


@event_schema("disputes.proposal_rejected.v1")
class ProposalRejected(EventData):
    report_id: str
    booking_id: str
    proposal_id: str
    rejected_by: str
    student_id: str
    provider_id: str


@event_schema("disputes.report_escalated.v1")
class ReportEscalated(EventData):
    """The report went to staff (DS-3): a party escalated it, or nobody answered for 7 days (DS-5)."""

    report_id: str
    booking_id: str
    reason: Literal["party", "unanswered"]
    escalated_by: str | None = None  # the party's user id; None when the deadline escalated it
    student_id: str
    provider_id: str


@event_schema("disputes.report_resolved.v1")
class ReportResolved(EventData):
    """The report ended; published once per report. `refund_minor` goes back to the student and the
    rest of the lesson's price to the provider; none for a reschedule. A staff decision is final."""

    report_id: str
    booking_id: str
    resolution: Resolution
    refund_minor: int | None = None
    currency: str | None = None
    # provider/platform: the missed-lesson flow closed it (booking.miss_resolved), whose money the wallet moves
    decided_by: Literal["parties", "staff", "provider", "platform"]
    student_id: str
    provider_id: str
