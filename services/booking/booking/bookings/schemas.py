from datetime import datetime
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from booking.bookings.models import Booking
from booking.policies.terms import PolicyTerms
from shared.events import Money


class PaymentChoice(BaseModel):
    model_config = ConfigDict(extra="forbid")

    method: Literal["credits", "card"]
    payment_method_id: str | None = Field(default=None, max_length=200,
                                          description="The wallet's id of the card; needed for 'card'")

    @model_validator(mode="after")
    def _card_needs_its_id(self) -> "PaymentChoice":
        if self.method == "card" and not self.payment_method_id:
            raise ValueError("payment_method_id is required when paying by card")
        return self


class BookingIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    offering_id: str = Field(max_length=32)
    starts_at: AwareDatetime = Field(description="One of the offering's slots (GET /v1/slots)")
    payment: PaymentChoice


class PaymentOut(BaseModel):
    method: str
    payment_method_id: str | None
    state: str = Field(description="pending, captured, failed, refunded or paid_out")
    payment_id: str | None
    failure_code: str | None
    captured: Money | None
    refunded: Money | None
    provider_paid: Money | None = Field(description="What the provider received, after the platform fee")
    platform_fee: Money | None


class MissedOut(BaseModel):
    report_id: str = Field(description="The provider_absent report that made the lesson missed")
    reported_by_role: str = Field(description="student, or provider declaring their own miss")
    missed_at: datetime = Field(description="When the miss was reported")


class BookingOut(BaseModel):
    id: str
    status: str
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
    confirmed_by: str | None
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
            method=booking.payment_method, payment_method_id=booking.payment_method_id, state=booking.payment_state,
            payment_id=booking.payment_id, failure_code=booking.payment_failure_code,
            captured=money(booking.payment_captured_minor), refunded=money(booking.payment_refunded_minor),
            provider_paid=money(booking.provider_paid_net_minor), platform_fee=money(booking.platform_fee_minor))
        missed = None if booking.missed_report_id is None else MissedOut(
            report_id=booking.missed_report_id, reported_by_role=booking.missed_reported_by,
            missed_at=booking.missed_at)
        return cls.model_validate({
            **booking.model_dump(), "price": booking.price, "payment": payment, "terms": booking.policy,
            "missed": missed, "local_starts_at": booking.starts_at.astimezone(ZoneInfo(booking.provider_timezone))})
