"""Recording what the processor answered, each in a transaction of its own that re-reads the card
refund under lock: whichever attempt finishes first decides, a later one finds it done."""

from shared.events import CardRefundFailed, Money, RefundIssued
from shared.unit_of_work import UnitOfWork
from wallet.card_refunds.models import CardRefund, CardRefundStatus
from wallet.card_refunds.problems import ESCROW_SHORTFALL
from wallet.card_refunds.repository import card_refund
from wallet.identifiers import new_id
from wallet.ledger import journal, posting_rules
from wallet.ledger.balances import held_for_booking
from wallet.ledger.escrow import EscrowShortfall, require_held
from wallet.ledger.locks import lock_booking_money
from wallet.refunds.repository import NewRefund, add_refund


async def record_refunded(uow: UnitOfWork, refunding: CardRefund, processor_refund_id: str) -> CardRefund:
    """The processor refunded: out of escrow to the card, a refund row and its event, all at once."""
    session = uow.session
    await lock_booking_money(session, refunding.marketplace_id, refunding.booking_id)
    row = await card_refund(session, refunding.marketplace_id, refunding.id, lock=True)
    if row.status == CardRefundStatus.SUCCEEDED:
        return row  # a concurrent attempt recorded it
    amount = Money(amount_minor=row.amount_minor, currency=row.currency)
    try:
        require_held(row.booking_id, await held_for_booking(session, row.marketplace_id, row.booking_id),
                     row.amount_minor)
    except EscrowShortfall as shortfall:
        # Paid out (or refunded) since the request was accepted: the card got money the escrow no longer
        # holds. Left failed and visible for people to settle; a retry meets the same shortfall.
        # No card_refund_failed event: that one tells the student nothing moved, and here the card was refunded.
        return await _record_failure(uow, row, ESCROW_SHORTFALL, str(shortfall), CardRefundStatus.FAILED,
                                     announce=False)
    transaction_id = await journal.record(session, row.marketplace_id,
                                          posting_rules.refund_to_card(row.amount_minor, row.currency),
                                          booking_id=row.booking_id)
    told = f"The marketplace's team refunded this to your card: {row.reason}"[:300]
    refund = NewRefund(id=new_id("rfd"), marketplace_id=row.marketplace_id, booking_id=row.booking_id,
                       decision_id=row.id, payment_id=row.payment_id, student_id=row.student_id,
                       amount_minor=row.amount_minor, currency=row.currency, destination="card",
                       processor_refund_id=processor_refund_id, reason=told, transaction_id=transaction_id)
    await add_refund(session, refund)  # sent at once: before the card refund that points at it
    row.move_to(CardRefundStatus.SUCCEEDED)
    row.refund_id, row.processor_refund_id = refund.id, processor_refund_id
    row.failure_code = row.failure_reason = None
    uow.emit(RefundIssued(booking_id=row.booking_id, refund_id=refund.id, student_id=row.student_id, amount=amount,
                          destination="card", reason=told),
             marketplace=row.marketplace_id, subject=f"booking/{row.booking_id}")
    await uow.commit()
    return row


async def record_not_refunded(uow: UnitOfWork, refunding: CardRefund, code: str, reason: str,
                              temporary: bool) -> CardRefund:
    """The processor did not refund: nothing moved. Failed (retry) when temporary, refused otherwise."""
    await lock_booking_money(uow.session, refunding.marketplace_id, refunding.booking_id)
    row = await card_refund(uow.session, refunding.marketplace_id, refunding.id, lock=True)
    if row.status != CardRefundStatus.PENDING:
        return row  # a concurrent attempt finished it first; its outcome stands
    status = CardRefundStatus.FAILED if temporary else CardRefundStatus.REFUSED
    return await _record_failure(uow, row, code, reason, status)


async def _record_failure(uow: UnitOfWork, row: CardRefund, code: str, reason: str, status: CardRefundStatus,
                          announce: bool = True) -> CardRefund:
    row.move_to(status)
    row.failure_code, row.failure_reason = code[:40], reason[:300]
    if announce:
        uow.emit(CardRefundFailed(booking_id=row.booking_id, card_refund_id=row.id, student_id=row.student_id,
                                  amount=Money(amount_minor=row.amount_minor, currency=row.currency),
                                  reason=reason[:300]),
                 marketplace=row.marketplace_id, subject=f"booking/{row.booking_id}")
    await uow.commit()
    return row
