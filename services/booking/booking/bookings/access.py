"""Which bookings a caller may see: a student their own, a provider theirs, staff all of their
marketplace (PL-1, PL-2). Anyone else's booking is "not found", never "forbidden", so an id
reveals nothing about whether it exists."""

from datetime import datetime

from sqlalchemy import ColumnElement, tuple_
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from booking.bookings.models import Booking
from shared.auth import Identity, Role
from shared.errors import NotFound


def visible_to(identity: Identity) -> list[ColumnElement[bool]]:
    conditions = [Booking.marketplace_id == identity.marketplace_id]
    if identity.role is Role.STUDENT:
        conditions.append(Booking.student_id == identity.user_id)
    elif identity.role is Role.PROVIDER:
        conditions.append(Booking.provider_id == identity.user_id)
    return conditions


async def visible_booking(session: AsyncSession, identity: Identity, booking_id: str,
                          for_update: bool = False) -> Booking:
    query = select(Booking).where(Booking.id == booking_id, *visible_to(identity))
    booking = (await session.exec(query.with_for_update() if for_update else query)).first()
    if booking is None:
        raise NotFound(f"No booking '{booking_id}' of yours.", slug="booking-not-found")
    return booking


async def visible_bookings(session: AsyncSession, identity: Identity, status: str | None,
                           after: tuple[datetime, str] | None, limit: int) -> list[Booking]:
    query = select(Booking).where(*visible_to(identity))
    if status:
        query = query.where(Booking.status == status)
    if after is not None:
        query = query.where(tuple_(Booking.starts_at, Booking.id) > after)
    return list(await session.exec(query.order_by(Booking.starts_at, Booking.id).limit(limit + 1)))


async def booking_of_event(session: AsyncSession, marketplace_id: str, booking_id: str) -> Booking:
    """The booking another service's event or a timer is about, locked for the change it causes."""
    booking = (await session.exec(select(Booking).where(
        Booking.id == booking_id, Booking.marketplace_id == marketplace_id).with_for_update())).first()
    if booking is None:
        # Raised, not skipped: after its retries the event lands in the dead-letter queue, visible.
        raise LookupError(f"no booking {booking_id!r} in marketplace {marketplace_id!r}")
    return booking
