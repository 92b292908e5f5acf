"""Paying the provider for a delivered lesson: escrow to their earnings, less the platform's fee (MS-4)."""

from shared.events import LessonDelivered, Money, ProviderPaid
from shared.unit_of_work import UnitOfWork
from wallet.identifiers import new_id
from wallet.ledger import journal, posting_rules
from wallet.ledger.escrow import require_held
from wallet.ledger.locks import lock_booking_money
from wallet.payments.repository import captured_payment
from wallet.payouts.fees import split_fee
from wallet.payouts.models import Payout
from wallet.payouts.repository import payout_of_booking


async def pay_provider(uow: UnitOfWork, marketplace_id: str, delivered: LessonDelivered) -> None:
    session = uow.session
    await lock_booking_money(session, marketplace_id, delivered.booking_id)
    if await payout_of_booking(session, marketplace_id, delivered.booking_id) is not None:
        return  # paid already: this is the same fact again
    payment = await captured_payment(session, marketplace_id, delivered.booking_id)
    price = delivered.price
    if (price.currency, delivered.provider_id) != (payment.currency, payment.provider_id):
        raise ValueError(f"booking {delivered.booking_id}: the delivery names another currency or provider "
                         "than the payment")
    await require_held(session, marketplace_id, delivered.booking_id, price.amount_minor)
    split = split_fee(price.amount_minor, delivered.platform_fee_bps)
    transaction = await journal.record(session, marketplace_id,
                                       posting_rules.payout(delivered.provider_id, split, price.currency),
                                       booking_id=delivered.booking_id)
    payout = Payout(id=new_id("po"), marketplace_id=marketplace_id, booking_id=delivered.booking_id,
                    provider_id=delivered.provider_id, gross_minor=price.amount_minor, fee_minor=split.fee_minor,
                    net_minor=split.net_minor, fee_bps=delivered.platform_fee_bps, currency=price.currency,
                    transaction_id=transaction.id)
    session.add(payout)
    uow.emit(ProviderPaid(booking_id=delivered.booking_id, provider_id=delivered.provider_id, gross=price,
                          fee=Money(amount_minor=split.fee_minor, currency=price.currency),
                          net=Money(amount_minor=split.net_minor, currency=price.currency)),
             marketplace=marketplace_id, subject=f"booking/{delivered.booking_id}")
