"""A user's wallet: balances and statement. Students and providers read their own; staff any user's."""

from fastapi import APIRouter, Query

from shared.auth import CurrentIdentity
from shared.events.money import Currency
from shared.http import UoW
from shared.openapi import problem_answers
from shared.pagination import Page, decode_cursor, encode_cursor
from wallet.access import readable_wallet_owner
from wallet.ledger.balances import balances_of_owner
from wallet.ledger.schemas import BalanceLine, SignedMoney, StatementLineOut, WalletBalance
from wallet.ledger.statement import statement_page

# Another user's wallet reads as one that doesn't exist, to all but staff (wallet.access).
WALLET_NOT_FOUND = problem_answers((404, "`wallet-not-found`: No wallet of this user id the caller may read"))

router = APIRouter(prefix="/v1/wallet", tags=["wallet"])

USER_ID = Query(None, description="Staff only: the user whose wallet to read (default: the caller)")


@router.get("/balance", summary="Balances of the caller's accounts, per currency", responses=WALLET_NOT_FOUND)
async def get_balance(identity: CurrentIdentity, uow: UoW, user_id: str | None = USER_ID) -> WalletBalance:
    owner = readable_wallet_owner(identity, user_id)
    balances = await balances_of_owner(uow.session, identity.marketplace_id, owner)
    return WalletBalance(user_id=owner, balances=[
        BalanceLine(account_kind=b.account_kind, balance=SignedMoney(amount_minor=b.balance_minor, currency=b.currency))
        for b in balances])


@router.get("/statement", summary="The caller's postings, newest first", responses=WALLET_NOT_FOUND)
async def get_statement(identity: CurrentIdentity, uow: UoW, user_id: str | None = USER_ID,
                        currency: Currency | None = Query(None, description="ISO 4217 code, e.g. EUR"),
                        cursor: str | None = None, limit: int = Query(50, ge=1, le=200)) -> Page[StatementLineOut]:
    owner = readable_wallet_owner(identity, user_id)
    after = decode_cursor(cursor, int)[0] if cursor else None
    lines = await statement_page(uow.session, identity.marketplace_id, owner, currency, after, limit + 1)
    items = [StatementLineOut(
        posting_id=line.posting_id, transaction_id=line.transaction_id, transaction_kind=line.transaction_kind,
        booking_id=line.booking_id, description=line.description, account_kind=line.account_kind,
        amount=SignedMoney(amount_minor=line.amount_minor, currency=line.currency),
        balance_after=SignedMoney(amount_minor=line.balance_after_minor, currency=line.currency),
        created_at=line.created_at) for line in lines[:limit]]
    more = len(lines) > limit
    return Page(items=items, next_cursor=encode_cursor(items[-1].posting_id) if more else None)
