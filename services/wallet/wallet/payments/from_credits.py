from sqlmodel.ext.asyncio.session import AsyncSession

from shared.events import BookingRequested, Money
from wallet.accounts.repository import lock_account
from wallet.ledger import journal, posting_rules
from wallet.ledger.balances import account_balance
from wallet.payments.outcomes import NOT_ENOUGH_CREDITS, Refused, Taken


async def credits_cover(session: AsyncSession, marketplace_id: str, student_id: str, amount: Money) -> bool:
    # Locked before the balance is read: a concurrent booking by the same student waits here and then
    # sees this debit, so two bookings can't both spend the same credits.
    account = await lock_account(session, marketplace_id, posting_rules.student_credits(student_id), amount.currency)
    balance = await account_balance(session, account.id) if account else 0
    return balance >= amount.amount_minor


async def take_from_credits(session: AsyncSession, marketplace_id: str, request: BookingRequested) -> Taken | Refused:
    price = request.price
    if not await credits_cover(session, marketplace_id, request.student_id, price):
        return NOT_ENOUGH_CREDITS
    entry = posting_rules.capture_from_credits(request.student_id, price.amount_minor, price.currency)
    transaction = await journal.record(session, marketplace_id, entry, booking_id=request.booking_id)
    return Taken(transaction.id)
