from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from booking.bookings.schemas import BookingOut
from booking.rescheduling.lifecycle import RequestStatus
from booking.rescheduling.models import RescheduleRequest
from shared.timestamps import Timestamp

_SLOT = "One of the provider's slots for this lesson (GET /v1/slots?offering_id=...)"


class RescheduleAsk(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"reason": "I have an exam that morning", "proposed_starts_at": "2026-03-31T15:00:00Z"},
        {"reason": "Travelling that week"}]})

    reason: str = Field(min_length=1, max_length=500, description="Why; the other party sees it")
    proposed_starts_at: Timestamp | None = Field(default=None, description=f"A time you propose. {_SLOT}")


class Approval(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {}, {"starts_at": "2026-04-01T16:00:00Z"}]})

    starts_at: Timestamp | None = Field(
        default=None, description="Another time to propose; without it the student's proposed time is agreed "
                                  "(or, if they proposed none, they pick one)")


class Pick(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"starts_at": "2026-04-01T16:00:00Z"}]})

    starts_at: Timestamp = Field(description=_SLOT)


class Refusal(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"reason": "No other time works for me this month"}, {}]})

    reason: str | None = Field(default=None, max_length=500)


class TimeEdit(BaseModel):
    """The provider's "Edit Date/Time": only for a new time the student agreed to outside the platform."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"starts_at": "2026-04-02T09:00:00Z", "student_agreed": True, "note": "Agreed by phone on 28 March"}]})

    starts_at: Timestamp = Field(description=_SLOT)
    student_agreed: Literal[True] = Field(description="You state that the student agreed to the new time")
    note: str = Field(min_length=1, max_length=400, description="How and when the student agreed")


class RescheduleRequestOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    booking_id: str
    asked_by: Literal["student", "provider"]
    reason: str
    status: RequestStatus = Field(description="lapsed: nobody answered before the lesson; superseded: the lesson "
                                              "moved or was cancelled meanwhile")
    lesson_starts_at: datetime = Field(description="The lesson's time when the request was made")
    proposed_starts_at: datetime | None
    agreed_starts_at: datetime | None
    answer_reason: str | None
    created_at: datetime
    updated_at: datetime


class RescheduleOutcome(BaseModel):
    request: RescheduleRequestOut
    booking: BookingOut

    @classmethod
    def of(cls, request: RescheduleRequest, booking) -> "RescheduleOutcome":
        return cls(request=RescheduleRequestOut.model_validate(request), booking=BookingOut.of(booking))
