"""Events the wallet service publishes. Subject: `booking/<booking_id>` for a lesson's money,
`user/<user_id>` otherwise."""

from typing import Literal

from shared.events.envelope import EventData, event_schema
from shared.events.money import Money


@event_schema("wallet.payment_captured.v1")
class PaymentCaptured(EventData):
    """The price was taken from the student and sits in the platform's escrow."""

    booking_id: str
    payment_id: str
    student_id: str
    amount: Money
    method: Literal["credits", "card"]


@event_schema("wallet.payment_failed.v1")
class PaymentFailed(EventData):
    """No money moved. `reason` is a sentence a frontend can show the student."""

    booking_id: str
    student_id: str
    code: Literal["insufficient_credits", "card_declined", "insufficient_funds", "processor_error",
                  "payment_method_not_found", "currency_mismatch"]
    reason: str


@event_schema("wallet.refund_issued.v1")
class RefundIssued(EventData):
    booking_id: str
    refund_id: str
    student_id: str
    amount: Money
    destination: Literal["credits", "card"]
    reason: str


@event_schema("wallet.provider_paid.v1")
class ProviderPaid(EventData):
    """The lesson's price left escrow: the provider's share to their earnings, the fee to the platform."""

    booking_id: str
    provider_id: str
    gross: Money
    fee: Money
    net: Money


@event_schema("wallet.credits_topped_up.v1")
class CreditsToppedUp(EventData):
    student_id: str
    amount: Money
    payment_id: str
