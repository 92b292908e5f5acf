"""Writing entries to the journal. The only way money moves in the wallet."""

from sqlmodel.ext.asyncio.session import AsyncSession

from shared.database import driver_connection
from wallet.accounts.repository import account_id
from wallet.identifiers import new_id
from wallet.ledger.entries import Entry

# The transaction and its postings in one round trip; the postings keep the entry's order.
_RECORD = (
    "WITH recorded AS (INSERT INTO ledger_transactions (id, marketplace_id, kind, booking_id, description)"
    " VALUES ($1, $2, $3, $4, $5))"
    " INSERT INTO postings (transaction_id, account_id, marketplace_id, currency, amount_minor)"
    " SELECT $1, account_id, $2, $6, amount_minor FROM unnest($7::text[], $8::bigint[]) AS p(account_id, amount_minor)"
)


async def record(session: AsyncSession, marketplace_id: str, entry: Entry, booking_id: str | None = None) -> str:
    """Append the entry as one transaction with its postings; its id. The database checks at commit
    that they balance and that no floor (credits, a promo code, a booking's escrow) is crossed."""
    postings = entry.postings()
    account_ids = [await account_id(session, marketplace_id, ref, entry.currency) for ref in postings]
    transaction_id = new_id("txn")
    await (await driver_connection(session)).execute(
        _RECORD, transaction_id, marketplace_id, entry.kind, booking_id, entry.description, entry.currency,
        account_ids, list(postings.values()))
    return transaction_id
