"""A booking's timeline: every state change, from every service, in order (issue 3)."""

from datetime import datetime

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict
from sqlmodel import select

from booking.answers import BOOKING_NOT_FOUND
from booking.bookings.access import visible_booking
from booking.timeline.models import TimelineEntry
from shared.auth import CurrentIdentity
from shared.http import UoW
from shared.openapi import problem_answers

router = APIRouter(prefix="/v1/bookings", tags=["bookings"])


class TimelineEntryOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    at: datetime
    service: str
    type: str
    summary: str
    data: dict


class TimelineOut(BaseModel):
    booking_id: str
    entries: list[TimelineEntryOut]


@router.get("/{booking_id}/timeline", summary="Every state change of the booking, from every service, in order",
            responses=problem_answers(BOOKING_NOT_FOUND))
async def get_timeline(booking_id: str, identity: CurrentIdentity, uow: UoW) -> TimelineOut:
    booking = await visible_booking(uow.session, identity, booking_id)
    entries = await uow.session.exec(select(TimelineEntry).where(
        TimelineEntry.marketplace_id == booking.marketplace_id, TimelineEntry.booking_id == booking.id,
    ).order_by(TimelineEntry.at, TimelineEntry.id))
    return TimelineOut(booking_id=booking.id, entries=[TimelineEntryOut.model_validate(e) for e in entries])
