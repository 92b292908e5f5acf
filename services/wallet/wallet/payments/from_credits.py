from sqlmodel.ext.asyncio.session import AsyncSession

from shared.events import BookingRequested, Money
from wallet.accounts.repository import lock_balance
from wallet.ledger import journal, posting_rules
from wallet.payments.outcomes import NOT_ENOUGH_CREDITS, Refused, Taken


async def credits_cover(session: AsyncSession, marketplace_id: str, student_id: str, amount: Money) -> bool:
    # Locked before the balance is read: a concurrent booking by the same student waits here and then
    # sees this debit, so two bookings can't both spend the same credits.
    credits = await lock_balance(session, marketplace_id, posting_rules.student_credits(student_id), amount.currency)
    return (credits.balance_minor if credits else 0) >= amount.amount_minor


async def take_from_credits(session: AsyncSession, marketplace_id: str, request: BookingRequested) -> Taken | Refused:
    price = request.price
    if not await credits_cover(session, marketplace_id, request.student_id, price):
        return NOT_ENOUGH_CREDITS
    entry = posting_rules.capture_from_credits(request.student_id, price.amount_minor, price.currency)
    return Taken(await journal.record(session, marketplace_id, entry, booking_id=request.booking_id))
