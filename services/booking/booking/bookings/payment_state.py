"""A booking's payment as the wallet reported it. The state is derived from the facts recorded
(amounts captured, refunded, paid out; a failure), not stepped through, so wallet events that
arrive out of order or twice still give the right answer. None: no such event yet (a free
lesson's capture is 0, not None)."""

from dataclasses import dataclass
from enum import StrEnum


class PaymentState(StrEnum):
    PENDING = "pending"
    CAPTURED = "captured"
    FAILED = "failed"
    REFUNDED = "refunded"
    PAID_OUT = "paid_out"


@dataclass(frozen=True)
class PaymentFacts:
    captured_minor: int | None = None
    refunded_minor: int | None = None
    paid_out_gross_minor: int | None = None
    failed: bool = False

    @property
    def state(self) -> PaymentState:
        if self.paid_out_gross_minor is not None:
            return PaymentState.PAID_OUT
        if self.refunded_minor is not None and self.refunded_minor >= (self.captured_minor or 0):
            return PaymentState.REFUNDED
        if self.captured_minor is not None:
            return PaymentState.CAPTURED
        return PaymentState.FAILED if self.failed else PaymentState.PENDING
