"""The clawback itself: one ledger transaction per booking (the database refuses a second one, and
refuses to put back more than escrow held at capture), and the event the provider is told by."""

from shared.events import EarningsClawedBack, Money
from shared.events.wallet import SignedMoney
from shared.unit_of_work import UnitOfWork
from wallet.clawbacks.split import clawback_split
from wallet.ledger import journal, posting_rules
from wallet.ledger.balances import owner_balance
from wallet.ledger.booking_money import BookingMoney


async def claw_back(uow: UnitOfWork, money: BookingMoney, keep_minor: int = 0) -> Money | None:
    """Bring back into the booking's escrow what its payout paid beyond `keep_minor`, so a refund can be
    taken from escrow. None when the lesson was not paid out, was clawed back already, or nothing comes
    back. `money` was read under the booking's money lock (ledger.locks), which the caller holds."""
    payout = money.payout
    if payout is None or money.clawed_back:
        return None
    split = clawback_split(payout.gross_minor, payout.fee_minor, payout.net_minor, payout.fee_bps, keep_minor)
    if split.total_minor == 0:
        return None
    session, marketplace_id, booking_id, currency = uow.session, money.marketplace_id, money.booking_id, payout.currency
    entry = posting_rules.clawback(payout.provider_id, split.from_provider_minor, split.from_fee_minor, currency)
    await journal.record(session, marketplace_id, entry, booking_id=booking_id)
    earnings = await owner_balance(session, marketplace_id, posting_rules.provider_earnings(payout.provider_id),
                                   currency)
    amount = Money(amount_minor=split.total_minor, currency=currency)
    uow.emit(EarningsClawedBack(
        booking_id=booking_id, provider_id=payout.provider_id, amount=amount,
        from_provider=Money(amount_minor=split.from_provider_minor, currency=currency),
        from_platform_fee=Money(amount_minor=split.from_fee_minor, currency=currency),
        earnings_balance_after=SignedMoney(amount_minor=earnings, currency=currency),
    ), marketplace=marketplace_id, subject=f"booking/{booking_id}")
    return amount
