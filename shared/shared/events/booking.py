"""Events the booking service publishes. Subject: `booking/<booking_id>`."""

from datetime import datetime
from typing import Literal

from shared.events.envelope import EventData, event_schema
from shared.events.money import Money

PaymentMethodKind = Literal["credits", "card"]


@event_schema("booking.booking_requested.v1")
class BookingRequested(EventData):
    """A student asked for a slot; it is held for them while the wallet takes the payment."""

    booking_id: str
    student_id: str
    provider_id: str
    offering_id: str
    starts_at: datetime
    ends_at: datetime
    price: Money
    payment_method: PaymentMethodKind
    payment_method_id: str | None = None


@event_schema("booking.booking_confirmed.v1")
class BookingConfirmed(EventData):
    """Paid (and accepted, where the policy asks the provider to accept): the lesson stands."""

    booking_id: str
    student_id: str
    provider_id: str
    starts_at: datetime
    ends_at: datetime


@event_schema("booking.acceptance_requested.v1")
class AcceptanceRequested(EventData):
    """Paid; the provider must accept or decline before `respond_by`."""

    booking_id: str
    student_id: str
    provider_id: str
    starts_at: datetime
    respond_by: datetime


@event_schema("booking.booking_declined.v1")
class BookingDeclined(EventData):
    """The provider declined, or did not answer in time: the payment goes back in full."""

    booking_id: str
    student_id: str
    provider_id: str
    reason: Literal["declined", "acceptance_timeout"]
    refund: Money


@event_schema("booking.booking_released.v1")
class BookingReleased(EventData):
    """The booking did not go through (payment failed); its slot is free again."""

    booking_id: str
    student_id: str
    provider_id: str
    reason: str


@event_schema("booking.lesson_delivered.v1")
class LessonDelivered(EventData):
    """The lesson happened (the student confirmed, or nobody objected in time): pay the provider."""

    booking_id: str
    student_id: str
    provider_id: str
    price: Money
    platform_fee_bps: int  # basis points of the price kept by the platform
    confirmed_by: Literal["student", "auto"]
