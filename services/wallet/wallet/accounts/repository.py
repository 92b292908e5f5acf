"""Finding accounts, opening them on first use, and locking the ones with a floor before a debit."""

from sqlalchemy.dialects.postgresql import insert
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from wallet.accounts.models import Account
from wallet.identifiers import new_id
from wallet.ledger.entries import AccountRef


def _named(marketplace_id: str, ref: AccountRef, currency: str):
    return select(Account).where(Account.marketplace_id == marketplace_id, Account.kind == ref.kind,
                                 Account.owner_id == ref.owner_id, Account.currency == currency)


async def open_account(session: AsyncSession, marketplace_id: str, ref: AccountRef, currency: str) -> Account:
    """The account, opened if this is its first posting. Safe when two transactions open it at once."""
    account = (await session.exec(_named(marketplace_id, ref, currency))).first()
    if account is None:
        await session.exec(insert(Account).values(
            id=new_id("acc"), marketplace_id=marketplace_id, kind=ref.kind, owner_id=ref.owner_id, currency=currency,
        ).on_conflict_do_nothing(index_elements=["marketplace_id", "kind", "owner_id", "currency"]))
        account = (await session.exec(_named(marketplace_id, ref, currency))).one()
    return account


async def lock_account(session: AsyncSession, marketplace_id: str, ref: AccountRef, currency: str) -> Account | None:
    """The account, locked until the transaction ends so no concurrent debit can slip between the
    balance check and the posting. None when it was never opened (its balance is zero)."""
    return (await session.exec(_named(marketplace_id, ref, currency).with_for_update())).first()


async def owned_accounts(session: AsyncSession, marketplace_id: str, owner_id: str,
                         currency: str | None = None) -> list[Account]:
    query = select(Account).where(Account.marketplace_id == marketplace_id, Account.owner_id == owner_id)
    if currency is not None:
        query = query.where(Account.currency == currency)
    return list((await session.exec(query.order_by(Account.kind, Account.currency))).all())
