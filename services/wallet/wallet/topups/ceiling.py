"""The most credits a student may hold in one currency, and the checks that keep a top-up under it.

Ten times the largest single top-up (shared.currencies.max_amount_minor): far above what anyone
prepays for lessons, and far inside a 64-bit integer (at most 10^12 minor units in any currency,
against 9.2 * 10^18), so that no kept balance, nor any sum the ledger takes over balances, can
overflow into an error, however many top-ups are made. The check runs before the card is charged,
and again under the account's lock in the crediting transaction: a concurrent top-up may have taken
the room meanwhile (that charge is then refunded, see crediting.py)."""

from sqlmodel.ext.asyncio.session import AsyncSession

from shared.currencies import max_amount_minor
from shared.events import Money
from wallet.accounts.repository import account_id, lock_balance
from wallet.ledger import posting_rules
from wallet.ledger.balances import owner_balance
from wallet.topups.problems import CreditsCeilingReached

CREDITS_CEILING_IN_LARGEST_TOP_UPS = 10


def credits_ceiling_minor(currency: str) -> int:
    return CREDITS_CEILING_IN_LARGEST_TOP_UPS * max_amount_minor(currency)


def check_room(balance_minor: int, amount: Money) -> None:
    ceiling = credits_ceiling_minor(amount.currency)
    if balance_minor + amount.amount_minor > ceiling:
        raise CreditsCeilingReached(amount.currency, ceiling, balance_minor)


async def check_room_before_charging(session: AsyncSession, marketplace_id: str, student_id: str,
                                     amount: Money) -> None:
    """Unlocked: no lock is held while the processor is called."""
    balance = await owner_balance(session, marketplace_id, posting_rules.student_credits(student_id),
                                  amount.currency)
    check_room(balance, amount)


async def lock_room_for_credits(session: AsyncSession, marketplace_id: str, student_id: str,
                                amount: Money) -> None:
    """The check again, with the student's credits locked until the crediting transaction ends."""
    credits = posting_rules.student_credits(student_id)
    await account_id(session, marketplace_id, credits, amount.currency)  # opened, so there is a row to lock
    locked = await lock_balance(session, marketplace_id, credits, amount.currency)
    check_room(locked.balance_minor, amount)
