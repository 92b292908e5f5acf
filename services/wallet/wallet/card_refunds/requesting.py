"""Staff ask for a card refund: RF-2's conditions, then a pending card refund, committed before the
processor is called (so a crash after the call leaves a record to retry, not a silent refund)."""

from datetime import UTC, datetime

from sqlalchemy.exc import IntegrityError

from shared.auth import Identity
from shared.unit_of_work import UnitOfWork
from wallet.card_refunds import eligibility
from wallet.card_refunds.models import CardRefund, CardRefundStatus
from wallet.card_refunds.problems import CardRefundOpen, PaymentNotFound
from wallet.card_refunds.repository import live_card_refund, refunded_to_card
from wallet.card_refunds.settings import card_refund_settings
from wallet.contacts.repository import contact_facts
from wallet.identifiers import new_id
from wallet.ledger.balances import held_for_booking
from wallet.ledger.locks import lock_booking_money
from wallet.payments.models import Payment, PaymentStatus
from wallet.payments.repository import payment_of_booking


async def open_card_refund(uow: UnitOfWork, staff: Identity, booking_id: str, amount_minor: int | None,
                           reason: str) -> CardRefund:
    session, marketplace_id = uow.session, staff.marketplace_id
    # Taken turns with every other change of the booking's money: a concurrent request waits, then
    # finds this one's pending card refund (and the unique index stands behind it).
    await lock_booking_money(session, marketplace_id, booking_id)
    payment = await payment_of_booking(session, marketplace_id, booking_id)
    if payment is None or payment.status != PaymentStatus.CAPTURED:
        raise PaymentNotFound()
    await _check_conditions(uow, payment)
    if (existing := await live_card_refund(session, marketplace_id, booking_id)) is not None:
        raise CardRefundOpen(existing.id, existing.status)
    # A promo code may have paid part of the price (PC-2): that part never goes back to the card.
    paid_by_card = payment.amount_minor - payment.promo_applied_minor
    refundable = eligibility.refundable_minor(
        paid_by_card, await refunded_to_card(session, marketplace_id, booking_id),
        await held_for_booking(session, marketplace_id, booking_id))
    card_refund = CardRefund(
        id=new_id("crf"), marketplace_id=marketplace_id, booking_id=booking_id, payment_id=payment.id,
        student_id=payment.student_id, amount_minor=eligibility.amount_to_refund(amount_minor, refundable),
        currency=payment.currency, reason=reason, requested_by=staff.user_id, status=CardRefundStatus.PENDING,
        attempts=1)
    session.add(card_refund)
    try:
        await uow.commit()
    except IntegrityError:  # only if the lock was bypassed: the index still allows one
        await session.rollback()
        existing = await live_card_refund(session, marketplace_id, booking_id)
        raise CardRefundOpen(existing.id, existing.status) from None
    return card_refund


async def _check_conditions(uow: UnitOfWork, payment: Payment) -> None:
    eligibility.check_paid_by_card(payment.method)
    eligibility.check_window(payment.created_at, datetime.now(UTC), card_refund_settings().window_days)
    facts = await contact_facts(uow.session, payment.marketplace_id, payment.booking_id, payment.student_id,
                                payment.provider_id)
    eligibility.check_contacted(facts.contacted)
