"""Events the booking service publishes. Subject: `booking/<booking_id>`, or `provider/<provider_id>` for a
provider's standing."""

from datetime import datetime
from typing import Literal

from shared.events.envelope import EventData, event_schema
from shared.events.money import Money

PaymentMethodKind = Literal["credits", "card"]


@event_schema("booking.booking_requested.v1")
class BookingRequested(EventData):
    """A student asked for a slot; it is held for them while the wallet takes the payment."""

    booking_id: str
    student_id: str
    provider_id: str
    offering_id: str
    starts_at: datetime
    ends_at: datetime
    price: Money
    payment_method: PaymentMethodKind
    payment_method_id: str | None = None
    # A promo code (PC-2): it pays up to its value; the payment method pays the rest, if any.
    promo_code: str | None = None


@event_schema("booking.booking_confirmed.v1")
class BookingConfirmed(EventData):
    """Paid (and accepted, where the policy asks the provider to accept): the lesson stands."""

    booking_id: str
    student_id: str
    provider_id: str
    starts_at: datetime
    ends_at: datetime


@event_schema("booking.acceptance_requested.v1")
class AcceptanceRequested(EventData):
    """Paid; the provider must accept or decline before `respond_by`."""

    booking_id: str
    student_id: str
    provider_id: str
    starts_at: datetime
    respond_by: datetime


@event_schema("booking.booking_declined.v1")
class BookingDeclined(EventData):
    """The provider declined, or did not answer in time: the payment goes back in full."""

    booking_id: str
    student_id: str
    provider_id: str
    reason: Literal["declined", "acceptance_timeout"]
    refund: Money


@event_schema("booking.booking_released.v1")
class BookingReleased(EventData):
    """The booking did not go through (payment failed); its slot is free again."""

    booking_id: str
    student_id: str
    provider_id: str
    reason: str


@event_schema("booking.lesson_delivered.v1")
class LessonDelivered(EventData):
    """The lesson happened (the student confirmed, or nobody objected in time): pay the provider."""

    booking_id: str
    student_id: str
    provider_id: str
    price: Money
    platform_fee_bps: int  # basis points of the price kept by the platform
    confirmed_by: Literal["student", "auto"]


# Rescheduling (RS-1 to RS-4) and cancelling (CX-1 to CX-3).

Party = Literal["student", "provider"]
RefundForm = Literal["credits", "card"]


@event_schema("booking.reschedule_requested.v1")
class RescheduleRequested(EventData):
    """One party asked to move the lesson, before its start; the other answers before `answer_by`
    (the lesson's start), else the request lapses. The student may propose a time."""

    request_id: str
    booking_id: str
    student_id: str
    provider_id: str
    asked_by: Party
    reason: str
    starts_at: datetime
    proposed_starts_at: datetime | None = None
    answer_by: datetime


@event_schema("booking.reschedule_approved.v1")
class RescheduleApproved(EventData):
    """The provider agreed to move the lesson the student asked to move; the student now picks the
    new time from the provider's slots (the provider may have proposed one)."""

    request_id: str
    booking_id: str
    student_id: str
    provider_id: str
    starts_at: datetime
    proposed_starts_at: datetime | None = None
    answer_by: datetime


@event_schema("booking.reschedule_declined.v1")
class RescheduleDeclined(EventData):
    """The party asked declined: the lesson stays where it is."""

    request_id: str
    booking_id: str
    student_id: str
    provider_id: str
    asked_by: Party
    declined_by: Party
    starts_at: datetime
    reason: str | None = None


@event_schema("booking.reschedule_lapsed.v1")
class RescheduleLapsed(EventData):
    """Nobody answered before the lesson started: the lesson stays where it was."""

    request_id: str
    booking_id: str
    student_id: str
    provider_id: str
    asked_by: Party
    starts_at: datetime


@event_schema("booking.booking_rescheduled.v1")
class BookingRescheduled(EventData):
    """The lesson moved, its payment with it (nothing refunded or charged); the old slot is free.
    `how`: both parties agreed on a request, or the provider edited the time stating the student
    agreed outside the platform (RS-4)."""

    booking_id: str
    student_id: str
    provider_id: str
    previous_starts_at: datetime
    previous_ends_at: datetime
    starts_at: datetime
    ends_at: datetime
    how: Literal["request", "provider_edit"]
    initiated_by: Party
    request_id: str | None = None


@event_schema("booking.booking_cancelled.v1")
class BookingCancelled(EventData):
    """The lesson won't take place; its slot is free again. `refund` (possibly zero) is what the
    student gets back, decided once under `refund_decision_id`; the provider keeps the rest, paid
    to them by `booking.cancellation_settled` unless an exception gives more back first."""

    booking_id: str
    student_id: str
    provider_id: str
    starts_at: datetime
    ends_at: datetime
    cancelled_by: Literal["student", "provider", "staff"]
    cause: Party
    reason: str
    refund: Money
    refund_form: RefundForm
    refund_decision_id: str
    refund_decided_by: Literal["policy", "provider", "staff"]
    provider_keeps: Money
    alternative_provider_ids: tuple[str, ...] = ()


@event_schema("booking.refund_exception_granted.v1")
class RefundExceptionGranted(EventData):
    """After a cancellation that left the payment with the provider, the provider gave (part of)
    it back: refund `refund` once, under `decision_id`."""

    booking_id: str
    student_id: str
    provider_id: str
    decision_id: str
    refund: Money
    refund_form: RefundForm
    granted_by: Literal["provider", "staff"]
    reason: str | None = None


@event_schema("booking.cancellation_settled.v1")
class CancellationSettled(EventData):
    """No more exceptions: what the provider kept of a cancelled lesson is theirs; pay it out."""

    booking_id: str
    student_id: str
    provider_id: str
    kept: Money
    platform_fee_bps: int


@event_schema("booking.provider_strike_recorded.v1")
class ProviderStrikeRecorded(EventData):
    """A cancellation the provider caused, or a rearrangement by the provider, counts against them (PS-1)."""

    strike_id: str
    provider_id: str
    booking_id: str
    kind: Literal["cancellation", "rearrangement", "miss"]
    recorded_at: datetime


# A provider's standing (BK-5). Subject: `provider/<provider_id>`.

StandingChanger = Literal["provider", "staff"]


@event_schema("booking.provider_paused.v1")
class ProviderPaused(EventData):
    """The provider takes no new bookings (their existing ones stand) until they resume or staff
    reactivate them. `by` staff (`staff_id`, with the reason they gave, if any): only staff can lift
    it; staff taking over the provider's own pause announce it again, by staff."""

    provider_id: str
    by: StandingChanger
    paused_at: datetime
    staff_id: str | None = None
    reason: str | None = None


@event_schema("booking.provider_reactivated.v1")
class ProviderReactivated(EventData):
    """The provider is bookable again: they resumed after their own pause, or staff reactivated them."""

    provider_id: str
    by: StandingChanger
    reactivated_at: datetime
    staff_id: str | None = None


@event_schema("booking.lesson_missed.v1")
class LessonMissed(EventData):
    """A party reported the provider absent (MS-1; by the provider, their own miss declared): the lesson
    did not take place. Published once per booking. `missed_at` is when the miss was reported, from
    which the provider's grace period runs (MS-3); `price` is the lesson's value (PC-1, MS-3)."""

    booking_id: str
    student_id: str
    provider_id: str
    report_id: str
    reported_by_role: Literal["student", "provider"]
    price: Money
    missed_at: datetime


MissRemedy = Literal["promo_code", "credit_refund", "platform_refund"]


@event_schema("booking.miss_resolved.v1")
class MissResolved(EventData):
    """A missed lesson (lesson_missed) was settled, once per booking: by the provider (or staff) with a
    promo code (PC-1) or a refund as credits (RF-1, MS-2), or, past the grace period unresolved, by the
    platform's refund, clawed back from the provider if they were paid already (MS-3). The wallet moves
    the money (`amount`, the lesson's price); disputes closes the report. `promo_expires_at` is set for
    a promo code only."""

    booking_id: str
    student_id: str
    provider_id: str
    report_id: str
    remedy: MissRemedy
    resolved_by: Literal["provider", "staff", "platform"]
    amount: Money
    resolved_at: datetime
    promo_expires_at: datetime | None = None


@event_schema("booking.provider_suspended.v1")
class ProviderSuspended(EventData):
    """Past the policy's strikes in its window (PS-1): no new bookings, no bookable slots, until staff
    reinstate the provider (announced as provider_reactivated). Subject `provider/<id>`."""

    provider_id: str
    suspended_at: datetime
    strikes: int
    threshold: int
    window_days: int
    strike_ids: tuple[str, ...] = ()


@event_schema("booking.dispute_settled.v1")
class DisputeSettled(EventData):
    """A report ended with money to move (DS-1, DS-3): `refund` back to the student as credits and
    `provider_keeps` paid to the provider less the platform's fee. Once per report."""

    booking_id: str
    student_id: str
    provider_id: str
    report_id: str
    resolution: str
    refund: Money
    provider_keeps: Money
    platform_fee_bps: int
