from collections import defaultdict

from fastapi import APIRouter

from shared.auth import StaffIdentity
from shared.http import UoW
from wallet.ledger.balances import totals_by_kind
from wallet.ledger.schemas import SignedMoney, TrialBalance, TrialBalanceLine

router = APIRouter(prefix="/v1/ledger", tags=["ledger"])


@router.get("/trial-balance", summary="Staff: the marketplace's balance per account kind; totals must be zero")
async def trial_balance(staff: StaffIdentity, uow: UoW) -> TrialBalance:
    lines = await totals_by_kind(uow.session, staff.marketplace_id)
    totals: dict[str, int] = defaultdict(int)
    for line in lines:
        totals[line.currency] += line.balance_minor
    return TrialBalance(
        marketplace_id=staff.marketplace_id,
        accounts=[TrialBalanceLine(account_kind=line.account_kind,
                                   balance=SignedMoney(amount_minor=line.balance_minor, currency=line.currency))
                  for line in lines],
        totals=[SignedMoney(amount_minor=total, currency=currency) for currency, total in sorted(totals.items())],
        balanced=all(total == 0 for total in totals.values()),
    )
