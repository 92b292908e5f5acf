"""Cancelling a lesson (CX-1 to CX-3), under the booking's row lock: the state machine says whether it
can be cancelled, the start whether it still can (after it, a missed lesson is reported instead), the
initial-session rule who may, the policy what is refunded. The slot is free at once (BK-4), the
reminders and any open reschedule request end, and one event carries the refund decision to the
wallet, which refunds it once."""

from datetime import datetime

from booking.bookings.changes import change_status
from booking.bookings.deadlines import ACCEPTANCE_TIMEOUT, AUTO_CONFIRM
from booking.bookings.lifecycle import BookingStatus, Step, next_status
from booking.bookings.models import Booking
from booking.bookings.start import require_not_started
from booking.cancellations import events
from booking.cancellations.alternatives import checked_alternatives
from booking.cancellations.decisions import decide_refund
from booking.cancellations.initial import require_may_cancel
from booking.cancellations.models import Cancellation
from booking.cancellations.policy import decide
from booking.cancellations.refund_form import RefundForm, refund_form
from booking.cancellations.schemas import CancelIn, StaffCancelIn
from booking.cancellations.settlement import schedule_settlement
from booking.clock import utcnow
from booking.providers.strikes import StrikeKind, record_strike
from booking.rescheduling.closing import supersede
from shared.auth import Identity, Role
from shared.unit_of_work import UnitOfWork


async def cancel(uow: UnitOfWork, booking: Booking, canceller: Identity, order: CancelIn | StaffCancelIn) -> None:
    now, by = utcnow(), canceller.role.value
    next_status(BookingStatus(booking.status), Step.CANCELLED)
    require_not_started(booking, now, "cancelled")
    await require_may_cancel(uow.session, booking, canceller)
    cause = "student" if canceller.role is Role.STUDENT else order.cause
    decision = decide(by, booking.policy, booking.price_amount_minor, booking.starts_at, now, order.cause,
                      order.refund.choice if order.refund else None)
    form, alternatives = await _staff_choices(uow, booking, order, now)

    await change_status(uow.session, booking, Step.CANCELLED, f"Cancelled by the {by}: {order.reason}",
                        cancelled_by=by, cause=cause, refund_minor=decision.amount_minor, refund_form=form,
                        decided_by=decision.decided_by, provider_keeps_minor=decision.kept(booking.price_amount_minor))
    cancellation = Cancellation(
        marketplace_id=booking.marketplace_id, booking_id=booking.id, cancelled_by=by,
        cancelled_by_user=canceller.user_id, cause=cause, reason=order.reason,
        student_aware=getattr(order, "student_aware", None), price_minor=booking.price_amount_minor,
        currency=booking.price_currency, alternative_provider_ids=alternatives)
    refund = await decide_refund(uow, booking, cancellation, decision.amount_minor, form, decision.decided_by,
                                 canceller.user_id, decision.rule, order.reason)
    for timer in (AUTO_CONFIRM, ACCEPTANCE_TIMEOUT):
        await uow.cancel_timer(timer, booking.id)
    await supersede(uow, booking, "the booking was cancelled.")
    if cancellation.remaining_minor:
        await schedule_settlement(uow, booking, cancellation)
    if cause == "provider":
        await record_strike(uow, booking, StrikeKind.CANCELLATION, order.reason)
    uow.emit(events.cancelled(booking, cancellation, refund), marketplace=booking.marketplace_id,
             subject=booking.subject)


async def _staff_choices(uow: UnitOfWork, booking: Booking, order: CancelIn | StaffCancelIn,
                         now: datetime) -> tuple[RefundForm, list[str]]:
    """Only staff send a refund to the card, and suggest other providers; anyone else's goes to credits."""
    if not isinstance(order, StaffCancelIn):
        return "credits", []
    return (refund_form(order.refund_form, booking.payment_method, booking.created_at, booking.policy, now),
            await checked_alternatives(uow.session, booking, order.alternative_provider_ids, now))
