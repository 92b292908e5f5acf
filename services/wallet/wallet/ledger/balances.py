"""Balances, always those of the postings: summed, or for the accounts with a floor read from the
balance the database keeps with every posting (migration 0008), which nothing else can write."""

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from shared.database import driver_connection
from wallet.accounts.models import Account
from wallet.ledger.entries import AccountRef
from wallet.ledger.models import Posting

_OWNER_BALANCE = (
    "SELECT coalesce(a.balance_minor, (SELECT coalesce(sum(p.amount_minor), 0)::bigint FROM postings p"
    " WHERE p.account_id = a.id)) FROM accounts a"
    " WHERE a.marketplace_id = $1 AND a.kind = $2 AND a.owner_id = $3 AND a.currency = $4"
)
# $1 marketplace, $2 booking. Also a column of the booking's money (ledger.booking_money).
HELD_FOR_BOOKING = (
    "SELECT coalesce(sum(p.amount_minor), 0)::bigint FROM postings p"
    " JOIN ledger_transactions t ON t.id = p.transaction_id JOIN accounts a ON a.id = p.account_id"
    " WHERE t.marketplace_id = $1 AND t.booking_id = $2 AND a.kind = 'platform_escrow'"
)


async def owner_balance(session: AsyncSession, marketplace_id: str, ref: AccountRef, currency: str) -> int:
    balance = await (await driver_connection(session)).fetchval(_OWNER_BALANCE, marketplace_id, ref.kind,
                                                                  ref.owner_id, currency)
    return balance or 0


async def held_for_booking(session: AsyncSession, marketplace_id: str, booking_id: str) -> int:
    """What escrow still holds of a booking: captured minus refunded minus paid out."""
    return await (await driver_connection(session)).fetchval(HELD_FOR_BOOKING, marketplace_id, booking_id)


@dataclass(frozen=True)
class AccountBalance:
    account_kind: str
    currency: str
    balance_minor: int


async def balances_of_owner(session: AsyncSession, marketplace_id: str, owner_id: str) -> list[AccountBalance]:
    rows = await session.exec(
        select(Account.kind, Account.currency, func.coalesce(func.sum(Posting.amount_minor), 0))
        .outerjoin(Posting, Posting.account_id == Account.id)
        .where(Account.marketplace_id == marketplace_id, Account.owner_id == owner_id)
        .group_by(Account.id, Account.kind, Account.currency).order_by(Account.kind, Account.currency))
    return [AccountBalance(kind, currency, int(total)) for kind, currency, total in rows.all()]


@dataclass(frozen=True)
class KindTotal:
    account_kind: str
    currency: str
    balance_minor: int


async def totals_by_kind(session: AsyncSession, marketplace_id: str) -> list[KindTotal]:
    rows = await session.exec(
        select(Account.kind, Account.currency, func.sum(Posting.amount_minor))
        .join(Posting, Posting.account_id == Account.id)
        .where(Account.marketplace_id == marketplace_id)
        .group_by(Account.kind, Account.currency).order_by(Account.currency, Account.kind))
    return [KindTotal(kind, currency, int(total)) for kind, currency, total in rows.all()]
