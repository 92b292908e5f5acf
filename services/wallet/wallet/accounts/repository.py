"""Finding accounts, opening them on first use, and locking the ones with a floor before a debit.

An account's id never changes once the account exists, so each process remembers the ids it found
by (marketplace, kind, owner, currency). Only ids of committed accounts are remembered: one this
transaction opened may still be rolled back, so it is looked up again until another transaction
finds it."""

from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from shared.database import driver_connection
from wallet.identifiers import new_id
from wallet.ledger.entries import AccountRef

_FIND = "SELECT id FROM accounts WHERE marketplace_id = $1 AND kind = $2 AND owner_id = $3 AND currency = $4"
_OPEN = (
    "INSERT INTO accounts (id, marketplace_id, kind, owner_id, currency) VALUES ($1, $2, $3, $4, $5)"
    " ON CONFLICT (marketplace_id, kind, owner_id, currency) DO NOTHING RETURNING id"
)
_LOCK_BALANCE = (
    "SELECT id, balance_minor FROM accounts"
    " WHERE marketplace_id = $1 AND kind = $2 AND owner_id = $3 AND currency = $4 FOR UPDATE"
)

_AccountKey = tuple[str, str, str, str]  # marketplace, kind, owner, currency
_known_ids: dict[_AccountKey, str] = {}
_MOST_KNOWN = 200_000  # past this, the oldest are forgotten (and found again when needed)
_OPENED_HERE = "wallet.accounts_opened"  # session.info: ids this transaction opened


@dataclass(frozen=True)
class LockedBalance:
    account_id: str
    balance_minor: int


async def account_id(session: AsyncSession, marketplace_id: str, ref: AccountRef, currency: str) -> str:
    """The account's id, opened if this is its first posting. Safe when two transactions open it at once."""
    key = (marketplace_id, ref.kind, ref.owner_id, currency)
    if (known := _known_ids.get(key)) is not None:
        return known
    connection = await driver_connection(session)
    if (found := await connection.fetchval(_FIND, *key)) is None:
        opened = await connection.fetchval(_OPEN, new_id("acc"), *key)
        if opened is not None:
            session.info.setdefault(_OPENED_HERE, set()).add(opened)
            return opened
        # Opened meanwhile by a concurrent transaction: the insert waited for it to commit.
        found = await connection.fetchval(_FIND, *key)
    _remember(session, key, found)
    return found


async def lock_balance(session: AsyncSession, marketplace_id: str, ref: AccountRef,
                       currency: str) -> LockedBalance | None:
    """The account's kept balance (kinds with a floor only), locked until the transaction ends so no
    concurrent debit can slip between the check and the posting. None when it was never opened."""
    key = (marketplace_id, ref.kind, ref.owner_id, currency)
    row = await (await driver_connection(session)).fetchrow(_LOCK_BALANCE, *key)
    if row is None:
        return None
    _remember(session, key, row["id"])
    return LockedBalance(row["id"], row["balance_minor"])


def _remember(session: AsyncSession, key: _AccountKey, found: str) -> None:
    if found in session.info.get(_OPENED_HERE, ()):
        return
    if len(_known_ids) >= _MOST_KNOWN:
        del _known_ids[next(iter(_known_ids))]
    _known_ids[key] = found
