from datetime import datetime
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, model_validator

from booking.bookings.lifecycle import BookingStatus
from booking.bookings.models import Booking
from booking.bookings.payment_state import PaymentState
from booking.misses.remedies import MissRemedy, grace_ends_at
from booking.policies.terms import PolicyTerms
from shared.events import Money
from shared.timestamps import Timestamp

# How a student pays for a booking.
PaymentMethod = Literal["credits", "card"]


class PaymentChoice(BaseModel):
    model_config = ConfigDict(extra="forbid")

    method: PaymentMethod
    payment_method_id: str | None = Field(default=None, max_length=200,
                                          description="The wallet's id of the card; needed for 'card'")

    @model_validator(mode="after")
    def _card_needs_its_id(self) -> "PaymentChoice":
        if self.method == "card" and not self.payment_method_id:
            raise ValueError("payment_method_id is required when paying by card")
        return self


class BookingIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"offering_id": "3f2b8c1e9a7d4e5f8a6b2c1d0e9f8a7b", "starts_at": "2026-03-30T09:00:00Z",
         "payment": {"method": "credits"}},
        {"offering_id": "3f2b8c1e9a7d4e5f8a6b2c1d0e9f8a7b", "starts_at": "2026-03-30T10:00:00+02:00",
         "payment": {"method": "card", "payment_method_id": "pm_5c2e1f"}, "promo_code": "MISSED-7Q2K"}]})

    offering_id: str = Field(max_length=32)
    starts_at: Timestamp = Field(description="One of the offering's slots (GET /v1/slots)")
    payment: PaymentChoice
    promo_code: str | None = Field(
        default=None, min_length=4, max_length=40, pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$",
        description="A promo code the student received for a missed lesson (PC-2): it pays up to its value, the "
                    "payment method the rest. The wallet checks it; a refused code fails the payment "
                    "(failure_code promo_code_refused, with the wallet's reason)")


class PaymentOut(BaseModel):
    method: PaymentMethod
    payment_method_id: str | None
    promo_code: str | None = Field(description="The promo code the student pays with, if any (PC-2)")
    state: PaymentState = Field(description="As the wallet reported it; paid_out: the provider has been paid")
    payment_id: str | None
    failure_code: str | None
    captured: Money | None
    refunded: Money | None
    provider_paid: Money | None = Field(description="What the provider received, after the platform fee")
    platform_fee: Money | None


class MissResolutionOut(BaseModel):
    remedy: MissRemedy = Field(description="promo_code, credit_refund (by the provider or staff), platform_refund "
                                           "(past the grace period), card_refund (staff), report (the report's own "
                                           "resolution)")
    resolved_by: Literal["provider", "staff", "platform", "parties"] = Field(
        description="parties: by a proposal one party made and the other accepted")
    resolved_by_user: str | None
    resolved_at: datetime
    promo_expires_at: datetime | None = Field(description="For a promo code: until when the student can use it")

    @classmethod
    def of(cls, booking: Booking) -> "MissResolutionOut | None":
        if booking.miss_remedy is None:
            return None
        return cls(remedy=booking.miss_remedy, resolved_by=booking.miss_resolved_by,
                   resolved_by_user=booking.miss_resolved_by_user, resolved_at=booking.miss_resolved_at,
                   promo_expires_at=booking.promo_expires_at)


class MissedOut(BaseModel):
    report_id: str = Field(description="The provider_absent report that made the lesson missed")
    reported_by_role: Literal["student", "provider"] = Field(description="student, or provider declaring their "
                                                                         "own miss")
    missed_at: datetime = Field(description="When the miss was reported")
    grace_ends_at: datetime = Field(description="Unresolved by then, the platform refunds the student (MS-3)")
    resolution: MissResolutionOut | None = Field(description="How the miss was resolved; null while unresolved")


class BookingOut(BaseModel):
    id: str
    status: BookingStatus
    status_reason: str | None = Field(description="Why it is so, e.g. the wallet's reason for a failed payment")
    student_id: str
    provider_id: str
    offering_id: str
    offering_title: str
    kind: str
    starts_at: datetime
    ends_at: datetime
    local_starts_at: datetime = Field(description="In the provider's zone")
    price: Money
    payment: PaymentOut
    respond_by: datetime | None = Field(description="Where the provider must accept: until when")
    delivered_at: datetime | None
    confirmed_by: Literal["student", "auto"] | None = Field(description="Who confirmed the lesson took place: "
                                                                      "the student, or the platform after the "
                                                                      "confirmation window (auto)")
    open_report_id: str | None = Field(description="A problem report in progress: while there is one, the lesson "
                                                   "is not confirmed automatically (MS-4)")
    missed: MissedOut | None = Field(description="Set when a provider_absent report made the lesson missed")
    terms: PolicyTerms = Field(description="The policy in force when the booking was made (BK-6)")
    version: int = Field(description='Moves on with every change; send it as If-Match: "<version>" to change '
                                     'the booking only if nobody else did meanwhile')
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, booking: Booking) -> "BookingOut":
        def money(amount: int | None) -> Money | None:
            return None if amount is None else Money(amount_minor=amount, currency=booking.price_currency)

        payment = PaymentOut(
            method=booking.payment_method, payment_method_id=booking.payment_method_id,
            promo_code=booking.promo_code, state=booking.payment_state,
            payment_id=booking.payment_id, failure_code=booking.payment_failure_code,
            captured=money(booking.payment_captured_minor), refunded=money(booking.payment_refunded_minor),
            provider_paid=money(booking.provider_paid_net_minor), platform_fee=money(booking.platform_fee_minor))
        missed = None if booking.missed_report_id is None else MissedOut(
            report_id=booking.missed_report_id, reported_by_role=booking.missed_reported_by,
            missed_at=booking.missed_at, grace_ends_at=grace_ends_at(booking.missed_at, booking.policy),
            resolution=MissResolutionOut.of(booking))
        return cls.model_validate({
            **booking.model_dump(), "price": booking.price, "payment": payment, "terms": booking.policy,
            "missed": missed, "local_starts_at": booking.starts_at.astimezone(ZoneInfo(booking.provider_timezone))})
