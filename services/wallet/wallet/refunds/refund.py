"""Giving (part of) a booking's price back, once per decision, never more than was captured (RF-3).

A booking that did not go through (declined, released) is refunded in full to where the money came
from, under the decision "full". A cancellation's refunds follow booking's decisions, each with its
own id and destination: credits by default, the card that paid when staff chose it. A booking a promo
code paid (all or part of) is refunded as credits, whatever paid the rest (PC-2).
"""

from typing import Literal

from shared.events import Money, RefundIssued
from shared.unit_of_work import UnitOfWork
from wallet.cards.adapters import card_processor
from wallet.identifiers import new_id
from wallet.ledger import journal, posting_rules
from wallet.ledger.booking_money import BookingMoney, PaymentFacts, booking_money
from wallet.ledger.entries import Entry
from wallet.ledger.escrow import require_held
from wallet.ledger.locks import lock_booking_money
from wallet.refunds.repository import NewRefund, add_refund

FULL = "full"
Destination = Literal["credits", "card"]


async def refund_booking(uow: UnitOfWork, marketplace_id: str, booking_id: str, amount: Money | None, reason: str,
                         decision_id: str = FULL, destination: Destination | None = None) -> None:
    """Refund `amount` (None: all that was paid) to `destination` (None: where it came from); nothing
    when this decision was refunded already."""
    await lock_booking_money(uow.session, marketplace_id, booking_id)
    money = await booking_money(uow.session, marketplace_id, booking_id, decision_id)
    if money.decision_refunded:
        return  # refunded already: this is the same decision again
    await refund_from_escrow(uow, money, amount, reason, decision_id, destination)


async def refund_from_escrow(uow: UnitOfWork, money: BookingMoney, amount: Money | None, reason: str,
                             decision_id: str, destination: Destination | None = None,
                             clawed_back: Money | None = None) -> None:
    """The refund of a decision not refunded yet, by a caller holding the booking's money lock that read
    `money` under it. `clawed_back`: what was taken back from the provider's payout to make this refund
    possible (MS-3), told to the student with it."""
    payment = money.captured_payment()
    marketplace_id, booking_id = money.marketplace_id, money.booking_id
    amount = amount or Money(amount_minor=payment.amount_minor, currency=payment.currency)
    if amount.currency != payment.currency:
        raise ValueError(f"refund in {amount.currency} of a payment in {payment.currency}")
    wanted = destination or payment.method
    paid_by_card_alone = payment.method == "card" and payment.promo_code_id is None
    destination = "card" if wanted == "card" and paid_by_card_alone else "credits"  # credits go back as credits
    require_held(booking_id, money.held_minor, amount.amount_minor)
    entry, processor_refund_id = await _give_back(uow, marketplace_id, payment, amount, destination, decision_id)
    transaction_id = await journal.record(uow.session, marketplace_id, entry, booking_id=booking_id)
    refund = NewRefund(id=new_id("rfd"), marketplace_id=marketplace_id, booking_id=booking_id,
                       decision_id=decision_id, payment_id=payment.id, student_id=payment.student_id,
                       amount_minor=amount.amount_minor, currency=amount.currency, destination=destination,
                       processor_refund_id=processor_refund_id, reason=reason, transaction_id=transaction_id)
    await add_refund(uow.session, refund)
    uow.emit(RefundIssued(booking_id=booking_id, refund_id=refund.id, student_id=payment.student_id, amount=amount,
                          destination=destination, reason=reason, clawed_back=clawed_back),
             marketplace=marketplace_id, subject=f"booking/{booking_id}")


async def _give_back(uow: UnitOfWork, marketplace_id: str, payment: PaymentFacts, amount: Money,
                     destination: Destination, decision_id: str) -> tuple[Entry, str | None]:
    if destination == "credits":
        return posting_rules.refund_to_credits(payment.student_id, amount.amount_minor, amount.currency), None
    if amount.amount_minor == 0 or payment.charge_id is None:  # a free lesson was never charged
        return posting_rules.refund_to_card(0, amount.currency), None
    # Keyed by the decision, so a retry after a failure further on finds this refund instead of making another;
    # a temporary processor failure propagates and the consumer retries with back-off.
    key = f"refund:{payment.booking_id}" + ("" if decision_id == FULL else f":{decision_id}")
    processor_refund = await card_processor(uow, marketplace_id).refund(payment.charge_id, amount, idempotency_key=key)
    return posting_rules.refund_to_card(amount.amount_minor, amount.currency), processor_refund.id
