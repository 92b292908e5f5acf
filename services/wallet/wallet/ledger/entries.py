"""A ledger entry as plain data: money moving between accounts, turned into balanced postings."""

from collections import defaultdict
from dataclasses import dataclass

from wallet.accounts.kinds import AccountKind
from wallet.ledger.kinds import TransactionKind


@dataclass(frozen=True)
class AccountRef:
    """An account named by what it is, before it is looked up (or opened) in a marketplace."""

    kind: AccountKind
    owner_id: str


@dataclass(frozen=True)
class Movement:
    source: AccountRef
    destination: AccountRef
    amount_minor: int

    def __post_init__(self) -> None:
        if self.amount_minor < 0:
            raise ValueError("a movement carries a non-negative amount; swap source and destination instead")


@dataclass(frozen=True)
class Entry:
    kind: TransactionKind
    currency: str
    movements: tuple[Movement, ...]
    description: str

    def postings(self) -> dict[AccountRef, int]:
        """Signed amount per account, netted; accounts that net to zero are left out. Sums to zero."""
        net: dict[AccountRef, int] = defaultdict(int)
        for movement in self.movements:
            net[movement.source] -= movement.amount_minor
            net[movement.destination] += movement.amount_minor
        return {account: amount for account, amount in net.items() if amount != 0}
