"""Writing entries to the journal. The only way money moves in the wallet."""

from sqlmodel.ext.asyncio.session import AsyncSession

from wallet.accounts.repository import open_account
from wallet.identifiers import new_id
from wallet.ledger.entries import Entry
from wallet.ledger.models import LedgerTransaction, Posting


async def record(session: AsyncSession, marketplace_id: str, entry: Entry,
                 booking_id: str | None = None) -> LedgerTransaction:
    """Append the entry as one transaction with its postings. The database checks at commit that
    they balance and that no floor (credits, a booking's escrow) is crossed."""
    transaction = LedgerTransaction(id=new_id("txn"), marketplace_id=marketplace_id, kind=entry.kind,
                                    booking_id=booking_id, description=entry.description)
    session.add(transaction)
    for ref, amount in entry.postings().items():
        account = await open_account(session, marketplace_id, ref, entry.currency)
        session.add(Posting(transaction_id=transaction.id, account_id=account.id, marketplace_id=marketplace_id,
                            currency=entry.currency, amount_minor=amount))
    await session.flush()
    return transaction
