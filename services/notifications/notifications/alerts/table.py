"""The event-to-alert table (NT-2): who each event concerns, and the template each of them gets.
services/notifications/README.md shows it for people; add a row here when an event lands."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from notifications.alerts.rendering import Context, RenderedAlert
from notifications.alerts.templates import (
    account,
    booking,
    cancelling,
    disputes,
    misses,
    promo_codes,
    rescheduling,
    settlements,
    staff,
    wallet,
)
from notifications.staffdesk.recipient import STAFF_DESK
from shared.events import (
    AcceptanceRequested,
    BookingCancelled,
    BookingConfirmed,
    BookingDeclined,
    BookingReleased,
    BookingRescheduled,
    CardRefundFailed,
    CreditsToppedUp,
    DisputeSettled,
    EarningsClawedBack,
    LessonDelivered,
    LessonMissed,
    MissResolved,
    PaymentFailed,
    ProblemReported,
    PromoCodeExpired,
    PromoCodeIssued,
    PromoCodeRedeemed,
    ProposalRejected,
    ProviderPaid,
    ProviderPaused,
    ProviderReactivated,
    ProviderSuspended,
    RefundIssued,
    ReportEscalated,
    ReportResolved,
    RescheduleApproved,
    RescheduleDeclined,
    RescheduleLapsed,
    RescheduleRequested,
    ResolutionProposed,
)

# booking's second release of a booking whose money came late: internal, the refund alert follows.
CAPTURED_AFTER_RELEASE = "payment_captured_after_release"


@dataclass(frozen=True)
class Audience:
    """staff: the marketplace's staff desk (staffdesk/), not one user."""

    role: Literal["student", "provider", "staff"]
    template: Callable[[Any, Context], RenderedAlert]
    applies: Callable[[Any], bool] = lambda data: True

    def user_id(self, data) -> str:
        return STAFF_DESK if self.role == "staff" else getattr(data, f"{self.role}_id")


def student(template, applies=lambda data: True) -> Audience:
    return Audience("student", template, applies)


def provider(template, applies=lambda data: True) -> Audience:
    return Audience("provider", template, applies)


def staff_desk(template) -> Audience:
    return Audience("staff", template)


def party(template, who: Callable[[Any], str]) -> tuple[Audience, Audience]:
    """The student or the provider, whichever `who(data)` names."""
    return student(template, lambda d: who(d) == "student"), provider(template, lambda d: who(d) == "provider")


def asked_by(data) -> str:
    return data.asked_by


def other_than_asker(data) -> str:
    return "provider" if data.asked_by == "student" else "student"


def other_than_reporter(data) -> str:
    return disputes.other(data.reporter_role)


def other_than_proposer(data) -> str:
    return disputes.other(data.proposer_role)


ALERTS: dict[str, tuple[Audience, ...]] = {
    BookingConfirmed.event_type: (student(booking.confirmed_for_student), provider(booking.confirmed_for_provider)),
    AcceptanceRequested.event_type: (provider(booking.acceptance_for_provider),
                                     student(booking.acceptance_for_student)),
    BookingDeclined.event_type: (student(booking.declined_for_student),
                                 provider(booking.timed_out_for_provider, lambda d: d.reason == "acceptance_timeout")),
    BookingReleased.event_type: (student(booking.released_for_student, lambda d: d.reason != CAPTURED_AFTER_RELEASE),),
    LessonDelivered.event_type: (provider(booking.delivered_for_provider),
                                 student(booking.auto_delivered_for_student, lambda d: d.confirmed_by == "auto")),
    PaymentFailed.event_type: (student(wallet.payment_failed_for_student),),
    RefundIssued.event_type: (student(wallet.refund_for_student),),
    ProviderPaid.event_type: (provider(wallet.paid_to_provider),),
    CreditsToppedUp.event_type: (student(wallet.credits_for_student),),
    RescheduleRequested.event_type: party(rescheduling.requested_of_other_party, other_than_asker),
    RescheduleApproved.event_type: (student(rescheduling.approved_for_student),),
    RescheduleDeclined.event_type: party(rescheduling.declined_for_asker, asked_by),
    RescheduleLapsed.event_type: party(rescheduling.lapsed_for_asker, asked_by),
    BookingRescheduled.event_type: (student(rescheduling.moved_for_student),
                                    provider(rescheduling.moved_for_provider)),
    # Those who didn't cancel: the other party, or both when staff did.
    BookingCancelled.event_type: (student(cancelling.cancelled_for_student, lambda d: d.cancelled_by != "student"),
                                  provider(cancelling.cancelled_for_provider, lambda d: d.cancelled_by != "provider")),
    # A report's steps: the party who must answer, the proposer of a rejected proposal, both once staff are in.
    ProblemReported.event_type: party(disputes.reported_to_other_party, other_than_reporter),
    ResolutionProposed.event_type: party(disputes.proposed_to_other_party, other_than_proposer),
    ProposalRejected.event_type: party(disputes.rejected_for_proposer, disputes.proposer_of),
    ReportEscalated.event_type: (student(disputes.escalated_for_student), provider(disputes.escalated_for_provider)),
    # A settled miss's report_resolved is told by miss_resolved below.
    ReportResolved.event_type: (student(disputes.resolved_for_student, disputes.not_a_settled_miss),
                                provider(disputes.resolved_for_provider, disputes.not_a_settled_miss)),
    DisputeSettled.event_type: (student(settlements.settled_for_student), provider(settlements.settled_for_provider)),
    # A missed lesson (MS-2, MS-3) and its promo code (PC-1, PC-2): both parties, whoever reported or settled it.
    LessonMissed.event_type: (student(misses.missed_for_student), provider(misses.missed_for_provider)),
    MissResolved.event_type: (student(misses.settled_for_student), provider(misses.settled_for_provider)),
    PromoCodeIssued.event_type: (student(promo_codes.issued_for_student), provider(promo_codes.issued_for_provider)),
    PromoCodeExpired.event_type: (student(promo_codes.expired_for_student),),
    PromoCodeRedeemed.event_type: (provider(promo_codes.redeemed_for_provider),),
    EarningsClawedBack.event_type: (provider(wallet.clawed_back_from_provider),),
    CardRefundFailed.event_type: (staff_desk(staff.card_refund_failed_for_staff),),
    # The provider's own account (BK-5), whoever changed it: a receipt of their own step too. A suspension
    # (PS-1) goes to the staff desk too: only staff reinstate (a reactivation by staff).
    ProviderPaused.event_type: (provider(account.paused_for_provider),),
    ProviderReactivated.event_type: (provider(account.reactivated_for_provider),),
    ProviderSuspended.event_type: (provider(account.suspended_for_provider), staff_desk(staff.suspended_for_staff)),
}
