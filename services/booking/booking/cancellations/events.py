"""A cancellation's facts as events (shared.events.booking is the contract)."""

from booking.bookings.models import Booking
from booking.cancellations.models import Cancellation, RefundDecision
from shared.events import BookingCancelled, CancellationSettled, Money, RefundExceptionGranted


def _money(booking: Booking, amount_minor: int) -> Money:
    return Money(amount_minor=amount_minor, currency=booking.price_currency)


def cancelled(booking: Booking, cancellation: Cancellation, decision: RefundDecision) -> BookingCancelled:
    return BookingCancelled(
        booking_id=booking.id, student_id=booking.student_id, provider_id=booking.provider_id,
        starts_at=booking.starts_at, ends_at=booking.ends_at, cancelled_by=cancellation.cancelled_by,
        cause=cancellation.cause, reason=cancellation.reason, refund=_money(booking, decision.amount_minor),
        refund_form=decision.form, refund_decision_id=decision.id, refund_decided_by=decision.decided_by,
        provider_keeps=_money(booking, cancellation.remaining_minor),
        alternative_provider_ids=tuple(cancellation.alternative_provider_ids))


def exception_granted(booking: Booking, decision: RefundDecision) -> RefundExceptionGranted:
    return RefundExceptionGranted(
        booking_id=booking.id, student_id=booking.student_id, provider_id=booking.provider_id,
        decision_id=decision.id, refund=_money(booking, decision.amount_minor), refund_form=decision.form,
        granted_by=decision.decided_by, reason=decision.reason)


def settled(booking: Booking, cancellation: Cancellation) -> CancellationSettled:
    return CancellationSettled(booking_id=booking.id, student_id=booking.student_id, provider_id=booking.provider_id,
                               kept=_money(booking, cancellation.remaining_minor),
                               platform_fee_bps=booking.policy.platform_fee_bps)
