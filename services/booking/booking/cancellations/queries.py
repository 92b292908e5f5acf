"""A booking's cancellation and refund decisions, always through the booking the caller may see."""

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from booking.bookings.models import Booking
from booking.cancellations.models import Cancellation, RefundDecision
from shared.errors import NotFound


async def cancellation_of(session: AsyncSession, booking: Booking, for_update: bool = False) -> Cancellation:
    query = select(Cancellation).where(Cancellation.marketplace_id == booking.marketplace_id,
                                       Cancellation.booking_id == booking.id)
    cancellation = (await session.exec(query.with_for_update() if for_update else query)).first()
    if cancellation is None:
        raise NotFound("This booking was not cancelled.", slug="cancellation-not-found")
    return cancellation


async def decisions_of(session: AsyncSession, booking: Booking) -> list[RefundDecision]:
    return list(await session.exec(select(RefundDecision).where(
        RefundDecision.marketplace_id == booking.marketplace_id, RefundDecision.booking_id == booking.id,
    ).order_by(RefundDecision.created_at)))
