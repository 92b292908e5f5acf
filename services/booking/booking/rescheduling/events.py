"""A reschedule request's and a move's facts as events (shared.events.booking is the contract)."""

from datetime import datetime
from typing import Literal

from booking.bookings.models import Booking
from booking.rescheduling.lifecycle import Party
from booking.rescheduling.models import RescheduleRequest
from shared.events import (
    BookingRescheduled,
    RescheduleApproved,
    RescheduleDeclined,
    RescheduleLapsed,
    RescheduleRequested,
)


def _parties(booking: Booking, request: RescheduleRequest) -> dict:
    return {"request_id": request.id, "booking_id": booking.id, "student_id": booking.student_id,
            "provider_id": booking.provider_id, "starts_at": booking.starts_at}


def requested(booking: Booking, request: RescheduleRequest) -> RescheduleRequested:
    return RescheduleRequested(**_parties(booking, request), asked_by=request.asked_by, reason=request.reason,
                               proposed_starts_at=request.proposed_starts_at, answer_by=booking.starts_at)


def approved(booking: Booking, request: RescheduleRequest) -> RescheduleApproved:
    return RescheduleApproved(**_parties(booking, request), proposed_starts_at=request.proposed_starts_at,
                              answer_by=booking.starts_at)


def declined(booking: Booking, request: RescheduleRequest, declined_by: Party) -> RescheduleDeclined:
    return RescheduleDeclined(**_parties(booking, request), asked_by=request.asked_by, declined_by=declined_by,
                              reason=request.answer_reason)


def lapsed(booking: Booking, request: RescheduleRequest) -> RescheduleLapsed:
    return RescheduleLapsed(**_parties(booking, request), asked_by=request.asked_by)


def rescheduled(booking: Booking, previous_starts_at: datetime, previous_ends_at: datetime,
                how: Literal["request", "provider_edit"], initiated_by: Party,
                request_id: str | None) -> BookingRescheduled:
    return BookingRescheduled(booking_id=booking.id, student_id=booking.student_id, provider_id=booking.provider_id,
                              previous_starts_at=previous_starts_at, previous_ends_at=previous_ends_at,
                              starts_at=booking.starts_at, ends_at=booking.ends_at, how=how,
                              initiated_by=initiated_by, request_id=request_id)
