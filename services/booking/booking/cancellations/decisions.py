"""Recording a refund decision: its row (the wallet refunds each decision once, by its id), the
running total on the cancellation (never above the price, in the database too), and the timeline
entry saying how much, in which form and who decided."""

from booking.bookings.models import Booking
from booking.cancellations.models import Cancellation, RefundDecision
from booking.cancellations.policy import DecidedBy
from booking.timeline.recorder import record
from shared.unit_of_work import UnitOfWork

_WHO = {"policy": "the booking's terms", "provider": "the provider", "staff": "staff"}


async def decide_refund(uow: UnitOfWork, booking: Booking, cancellation: Cancellation, amount_minor: int,
                        form: str, decided_by: DecidedBy, user_id: str, rule: str,
                        reason: str | None = None) -> RefundDecision:
    decision = RefundDecision(marketplace_id=booking.marketplace_id, booking_id=booking.id,
                              cancellation_id=cancellation.id, amount_minor=amount_minor,
                              currency=booking.price_currency, form=form, decided_by=decided_by,
                              decided_by_user=user_id, rule=rule, reason=reason)
    cancellation.refund_decided_minor += amount_minor
    uow.session.add_all([decision, cancellation])
    amount = f"{amount_minor} {booking.price_currency}"
    summary = (f"Refund of {amount} to the student's {form}, decided by {_WHO[decided_by]} ({rule})."
               if amount_minor else f"No refund: the provider keeps the payment, decided by {_WHO[decided_by]} "
                                    f"({rule}).")
    await record(uow.session, marketplace_id=booking.marketplace_id, booking_id=booking.id,
                 type="booking.refund_decided", summary=summary,
                 data={"decision_id": decision.id, "amount_minor": amount_minor, "currency": booking.price_currency,
                       "form": form, "decided_by": decided_by, "decided_by_user": user_id, "rule": rule,
                       "reason": reason})
    return decision
