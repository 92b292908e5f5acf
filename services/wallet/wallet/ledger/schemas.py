"""What the wallet's read endpoints answer."""

from datetime import datetime

from pydantic import BaseModel

from wallet.accounts.kinds import AccountKind
from wallet.ledger.kinds import TransactionKind


class SignedMoney(BaseModel):
    """An amount that may be negative (money going out of an account), in minor units."""

    amount_minor: int
    currency: str


class BalanceLine(BaseModel):
    account_kind: AccountKind
    balance: SignedMoney


class WalletBalance(BaseModel):
    user_id: str
    balances: list[BalanceLine]


class StatementLineOut(BaseModel):
    posting_id: int
    transaction_id: str
    transaction_kind: TransactionKind
    booking_id: str | None
    description: str
    account_kind: AccountKind
    amount: SignedMoney
    balance_after: SignedMoney
    created_at: datetime


class TrialBalanceLine(BaseModel):
    account_kind: AccountKind
    balance: SignedMoney


class TrialBalance(BaseModel):
    marketplace_id: str
    accounts: list[TrialBalanceLine]
    totals: list[SignedMoney]  # one per currency; zero in a healthy ledger
    balanced: bool
