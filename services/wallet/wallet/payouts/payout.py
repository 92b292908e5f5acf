"""Paying the provider from escrow, less the platform's fee, once per lesson: the price of a delivered
lesson (MS-4), or what the provider kept of a cancelled one when its cancellation settled (CX-1)."""

from shared.events import CancellationSettled, LessonDelivered, Money, ProviderPaid
from shared.unit_of_work import UnitOfWork
from wallet.identifiers import new_id
from wallet.ledger import journal, posting_rules
from wallet.ledger.booking_money import booking_money
from wallet.ledger.escrow import require_held
from wallet.ledger.locks import lock_booking_money
from wallet.payouts.fees import split_fee
from wallet.payouts.repository import NewPayout, add_payout


async def pay_provider(uow: UnitOfWork, marketplace_id: str, delivered: LessonDelivered) -> None:
    await pay_out(uow, marketplace_id, delivered.booking_id, delivered.provider_id, delivered.price,
                  delivered.platform_fee_bps)


async def pay_what_was_kept(uow: UnitOfWork, marketplace_id: str, settled: CancellationSettled) -> None:
    await pay_out(uow, marketplace_id, settled.booking_id, settled.provider_id, settled.kept, settled.platform_fee_bps)


async def pay_out(uow: UnitOfWork, marketplace_id: str, booking_id: str, provider_id: str, gross: Money,
                  fee_bps: int) -> None:
    session = uow.session
    await lock_booking_money(session, marketplace_id, booking_id)
    money = await booking_money(session, marketplace_id, booking_id)
    if money.payout is not None:
        return  # paid already: this is the same fact again
    payment = money.captured_payment()
    if (gross.currency, provider_id) != (payment.currency, payment.provider_id):
        raise ValueError(f"booking {booking_id}: the payout names another currency or provider than the payment")
    require_held(booking_id, money.held_minor, gross.amount_minor)
    split = split_fee(gross.amount_minor, fee_bps)
    entry = posting_rules.payout(provider_id, split, gross.currency)
    transaction_id = await journal.record(session, marketplace_id, entry, booking_id=booking_id)
    await add_payout(session, NewPayout(
        id=new_id("po"), marketplace_id=marketplace_id, booking_id=booking_id, provider_id=provider_id,
        gross_minor=gross.amount_minor, fee_minor=split.fee_minor, net_minor=split.net_minor, fee_bps=fee_bps,
        currency=gross.currency, transaction_id=transaction_id))
    uow.emit(ProviderPaid(booking_id=booking_id, provider_id=provider_id, gross=gross,
                          fee=Money(amount_minor=split.fee_minor, currency=gross.currency),
                          net=Money(amount_minor=split.net_minor, currency=gross.currency)),
             marketplace=marketplace_id, subject=f"booking/{booking_id}")
