"""Balances, always summed from postings: there is no stored balance to drift from the journal."""

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from wallet.accounts.kinds import AccountKind
from wallet.accounts.models import Account
from wallet.ledger.entries import AccountRef
from wallet.ledger.models import LedgerTransaction, Posting


async def account_balance(session: AsyncSession, account_id: str) -> int:
    total = await session.exec(select(func.coalesce(func.sum(Posting.amount_minor), 0))
                               .where(Posting.account_id == account_id))
    return int(total.one())


async def owner_balance(session: AsyncSession, marketplace_id: str, ref: AccountRef, currency: str) -> int:
    total = await session.exec(
        select(func.coalesce(func.sum(Posting.amount_minor), 0)).join(Account, Account.id == Posting.account_id)
        .where(Account.marketplace_id == marketplace_id, Account.kind == ref.kind, Account.owner_id == ref.owner_id,
               Account.currency == currency))
    return int(total.one())


async def held_for_booking(session: AsyncSession, marketplace_id: str, booking_id: str) -> int:
    """What escrow still holds of a booking: captured minus refunded minus paid out."""
    total = await session.exec(
        select(func.coalesce(func.sum(Posting.amount_minor), 0))
        .join(LedgerTransaction, LedgerTransaction.id == Posting.transaction_id)
        .join(Account, Account.id == Posting.account_id)
        .where(LedgerTransaction.marketplace_id == marketplace_id, LedgerTransaction.booking_id == booking_id,
               Account.kind == AccountKind.PLATFORM_ESCROW))
    return int(total.one())


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
