"""A user's statement: their postings, newest first, each with the account's balance right after it."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from wallet.accounts.models import Account
from wallet.ledger.models import LedgerTransaction, Posting


@dataclass(frozen=True)
class StatementLine:
    posting_id: int
    transaction_id: str
    transaction_kind: str
    booking_id: str | None
    description: str
    account_kind: str
    currency: str
    amount_minor: int
    balance_after_minor: int
    created_at: datetime


async def statement_page(session: AsyncSession, marketplace_id: str, owner_id: str, currency: str | None,
                         before_posting_id: int | None, limit: int) -> list[StatementLine]:
    """Up to `limit` lines older than `before_posting_id` (the cursor), newest first."""
    accounts = select(Account.id).where(Account.marketplace_id == marketplace_id, Account.owner_id == owner_id)
    if currency is not None:
        accounts = accounts.where(Account.currency == currency)
    # The running balance is summed over the account's whole history, then paged.
    running = select(
        Posting.id, Posting.transaction_id, Posting.account_id, Posting.currency, Posting.amount_minor,
        func.sum(Posting.amount_minor).over(partition_by=Posting.account_id, order_by=Posting.id).label("after"),
    ).where(Posting.account_id.in_(accounts)).subquery()
    query = (
        select(running.c.id, running.c.transaction_id, LedgerTransaction.kind, LedgerTransaction.booking_id,
               LedgerTransaction.description, Account.kind, running.c.currency, running.c.amount_minor,
               running.c.after, LedgerTransaction.created_at)
        .join(LedgerTransaction, LedgerTransaction.id == running.c.transaction_id)
        .join(Account, Account.id == running.c.account_id)
        .order_by(running.c.id.desc()).limit(limit)
    )
    if before_posting_id is not None:
        query = query.where(running.c.id < before_posting_id)
    return [StatementLine(*row) for row in (await session.exec(query)).all()]
