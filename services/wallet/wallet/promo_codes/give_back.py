"""A promo code's value that will never pay for a lesson goes back to the student as credits: all of
it when the code expires unused, what a cheaper replacement lesson left of it when the code is used.
Recorded as a refund of the missed lesson, once per decision."""

from shared.events import Money, RefundIssued
from shared.unit_of_work import UnitOfWork
from wallet.identifiers import new_id
from wallet.ledger import journal, posting_rules
from wallet.payments.repository import captured_payment
from wallet.promo_codes.models import PromoCode
from wallet.refunds.repository import NewRefund, add_refund

EXPIRED = "promo_expired"
LEFT_OVER = "promo_left_over"


async def give_back_to_credits(uow: UnitOfWork, promo: PromoCode, amount_minor: int, decision_id: str,
                               reason: str) -> None:
    session, marketplace_id, booking_id = uow.session, promo.marketplace_id, promo.missed_booking_id
    payment = await captured_payment(session, marketplace_id, booking_id)
    entry = posting_rules.promo_refund_to_credits(promo.id, promo.student_id, amount_minor, promo.currency)
    transaction_id = await journal.record(session, marketplace_id, entry, booking_id=booking_id)
    refund = NewRefund(id=new_id("rfd"), marketplace_id=marketplace_id, booking_id=booking_id,
                       decision_id=decision_id, payment_id=payment.id, student_id=promo.student_id,
                       amount_minor=amount_minor, currency=promo.currency, destination="credits",
                       processor_refund_id=None, reason=reason, transaction_id=transaction_id)
    await add_refund(session, refund)
    uow.emit(RefundIssued(booking_id=booking_id, refund_id=refund.id, student_id=promo.student_id,
                          amount=Money(amount_minor=amount_minor, currency=promo.currency), destination="credits",
                          reason=reason), marketplace=marketplace_id, subject=f"booking/{booking_id}")
