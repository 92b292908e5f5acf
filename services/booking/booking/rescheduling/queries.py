"""A booking's reschedule requests, always through the booking (which the caller may see), so a
request is never reachable from another marketplace or by someone who isn't a party (PL-1, PL-2)."""

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from booking.bookings.models import Booking
from booking.rescheduling.lifecycle import OPEN
from booking.rescheduling.models import RescheduleRequest
from shared.errors import NotFound


def _of(booking: Booking):
    return select(RescheduleRequest).where(RescheduleRequest.marketplace_id == booking.marketplace_id,
                                           RescheduleRequest.booking_id == booking.id)


async def open_request(session: AsyncSession, booking: Booking) -> RescheduleRequest | None:
    return (await session.exec(_of(booking).where(col(RescheduleRequest.status).in_(OPEN)))).first()


async def request_of(session: AsyncSession, booking: Booking, request_id: str) -> RescheduleRequest:
    request = (await session.exec(_of(booking).where(RescheduleRequest.id == request_id))).first()
    if request is None:
        raise NotFound(f"No reschedule request '{request_id}' for this booking.", slug="reschedule-request-not-found")
    return request


async def requests_of(session: AsyncSession, booking: Booking) -> list[RescheduleRequest]:
    return list(await session.exec(_of(booking).order_by(RescheduleRequest.created_at)))
