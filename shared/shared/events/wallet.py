"""Events the wallet service publishes. Subject: `booking/<booking_id>` for a lesson's money,
`user/<user_id>` otherwise."""

from datetime import datetime
from typing import Literal

from pydantic import Field

from shared.events.envelope import EventData, event_schema
from shared.events.money import Money


class SignedMoney(Money):
    """A balance rather than an amount moved: it may be below zero. Same JSON shape as Money."""

    amount_minor: int = Field(description="Balance in the currency's minor unit (cents); negative when owed")


@event_schema("wallet.payment_captured.v1")
class PaymentCaptured(EventData):
    """The price was taken from the student and sits in the platform's escrow."""

    booking_id: str
    payment_id: str
    student_id: str
    amount: Money
    method: Literal["credits", "card", "promo_code"]  # promo_code: the code paid it all
    promo_code_id: str | None = None  # the code that paid (part of) it (PC-2)


@event_schema("wallet.payment_failed.v1")
class PaymentFailed(EventData):
    """No money moved. `reason` is a sentence a frontend can show the student."""

    booking_id: str
    student_id: str
    code: Literal["insufficient_credits", "card_declined", "insufficient_funds", "processor_error",
                  "payment_method_not_found", "currency_mismatch", "promo_code_refused"]
    reason: str


@event_schema("wallet.refund_issued.v1")
class RefundIssued(EventData):
    booking_id: str
    refund_id: str
    student_id: str
    amount: Money
    destination: Literal["credits", "card"]
    reason: str
    clawed_back: Money | None = None  # taken back from the provider's earnings for this refund (MS-3)


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


@event_schema("wallet.promo_code_issued.v1")
class PromoCodeIssued(EventData):
    """PC-1: a single-use code for `student_id` with `provider_id`, worth the missed lesson (`value`), held
    from its escrow. The student's alert carries `code`."""

    promo_code_id: str
    code: str
    booking_id: str  # the missed lesson
    student_id: str
    provider_id: str
    value: Money
    expires_at: datetime


@event_schema("wallet.promo_code_redeemed.v1")
class PromoCodeRedeemed(EventData):
    promo_code_id: str
    code: str
    booking_id: str  # the replacement lesson
    missed_booking_id: str
    student_id: str
    provider_id: str
    applied: Money


@event_schema("wallet.promo_code_expired.v1")
class PromoCodeExpired(EventData):
    """Unused by its expiry: the code's value went back to the student as credits (a refund_issued follows)."""

    promo_code_id: str
    code: str
    booking_id: str
    student_id: str
    provider_id: str
    value: Money


@event_schema("wallet.earnings_clawed_back.v1")
class EarningsClawedBack(EventData):
    """A refund of a lesson already paid out took its price back (MS-3): the provider's net from their
    earnings, which may go negative and is recovered from later payouts, and the platform's fee."""

    booking_id: str
    provider_id: str
    amount: Money
    from_provider: Money
    from_platform_fee: Money
    earnings_balance_after: SignedMoney  # negative while the clawback is not yet recovered (MS-3)


@event_schema("wallet.card_refund_failed.v1")
class CardRefundFailed(EventData):
    """Staff's refund to the card (RF-2) failed at the processor: nothing moved, and it can be retried."""

    booking_id: str
    card_refund_id: str
    student_id: str
    amount: Money
    reason: str
