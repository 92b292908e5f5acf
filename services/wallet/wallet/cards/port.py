"""What the wallet needs from a card processor. Every call that moves money takes an idempotency
key: repeating a call with the same key returns the first result and moves no more money."""

from dataclasses import dataclass
from typing import Protocol

from shared.events import Money


@dataclass(frozen=True)
class CardDetails:
    number: str
    exp_month: int
    exp_year: int
    cvc: str


@dataclass(frozen=True)
class CardToken:
    """What a processor gives back for card details: a token to charge later, and what may be shown."""

    token: str
    brand: str
    last4: str
    exp_month: int
    exp_year: int


@dataclass(frozen=True)
class Charge:
    id: str
    amount: Money
    payment_method_token: str
    # How much of it the processor has refunded, as it stands when the charge is answered (a repeat of a
    # charge under its idempotency key included): a top-up never credits a charge that was refunded.
    refunded_minor: int = 0


@dataclass(frozen=True)
class Refund:
    id: str
    charge_id: str
    amount: Money


class CardProcessor(Protocol):
    """Bound to one marketplace's merchant account. Raises the errors of `cards.errors`."""

    name: str

    async def tokenize(self, card: CardDetails) -> CardToken: ...

    async def charge(self, payment_method_token: str, amount: Money, idempotency_key: str) -> Charge: ...

    async def refund(self, charge_id: str, amount: Money, idempotency_key: str) -> Refund: ...
