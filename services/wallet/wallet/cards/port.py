"""What the wallet needs from a card processor. Every call that moves money takes an idempotency
key: repeating a call with the same key returns the first result and moves no more money.

Card details never pass through the wallet: a partner's page hands them to the processor (its
browser library; the sandbox's tokenization route), which answers a single-use token, and the wallet
trades that token for a payment method of the processor's (`attach`), the only thing it charges."""

from dataclasses import dataclass
from typing import Protocol

from pydantic import SecretStr

from shared.events import Money


@dataclass(frozen=True)
class ProcessorCard:
    """What a processor gives back for a token: its reusable payment method id, and what may be shown."""

    id: str
    brand: str
    last4: str
    exp_month: int
    exp_year: int


@dataclass(frozen=True)
class Charge:
    id: str
    amount: Money
    payment_method_id: str
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

    async def attach(self, token: SecretStr) -> ProcessorCard:
        """Spend a single-use token on a payment method of the merchant's (InvalidToken if it can't).
        A SecretStr, so that no traceback's locals or log line shows it while it can still be spent."""
        ...

    async def charge(self, payment_method_id: str, amount: Money, idempotency_key: str) -> Charge: ...

    async def refund(self, charge_id: str, amount: Money, idempotency_key: str) -> Refund: ...
