"""The saga's events as this booking's facts (shared.events.booking is the contract)."""

from typing import Literal

from booking.bookings.models import Booking
from shared.events import (
    AcceptanceRequested,
    BookingConfirmed,
    BookingDeclined,
    BookingReleased,
    BookingRequested,
    LessonDelivered,
)


def requested(booking: Booking) -> BookingRequested:
    return BookingRequested(
        booking_id=booking.id, student_id=booking.student_id, provider_id=booking.provider_id,
        offering_id=booking.offering_id, starts_at=booking.starts_at, ends_at=booking.ends_at, price=booking.price,
        payment_method=booking.payment_method, payment_method_id=booking.payment_method_id,
        promo_code=booking.promo_code)


def confirmed(booking: Booking) -> BookingConfirmed:
    return BookingConfirmed(booking_id=booking.id, student_id=booking.student_id, provider_id=booking.provider_id,
                            starts_at=booking.starts_at, ends_at=booking.ends_at)


def acceptance_requested(booking: Booking) -> AcceptanceRequested:
    return AcceptanceRequested(booking_id=booking.id, student_id=booking.student_id,
                               provider_id=booking.provider_id, starts_at=booking.starts_at,
                               respond_by=booking.respond_by)


def declined(booking: Booking, reason: Literal["declined", "acceptance_timeout"]) -> BookingDeclined:
    # The full price goes back (BK-3); the wallet refunds what it captured for the booking.
    return BookingDeclined(booking_id=booking.id, student_id=booking.student_id, provider_id=booking.provider_id,
                           reason=reason, refund=booking.price)


def released(booking: Booking, reason: str) -> BookingReleased:
    return BookingReleased(booking_id=booking.id, student_id=booking.student_id, provider_id=booking.provider_id,
                           reason=reason)


def delivered(booking: Booking, confirmed_by: Literal["student", "auto"]) -> LessonDelivered:
    return LessonDelivered(booking_id=booking.id, student_id=booking.student_id, provider_id=booking.provider_id,
                           price=booking.price, platform_fee_bps=booking.policy.platform_fee_bps,
                           confirmed_by=confirmed_by)
