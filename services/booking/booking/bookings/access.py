"""Which bookings a caller may see: a student their own, a provider theirs, staff all of their
marketplace (PL-1, PL-2). Anyone else's booking is "not found", never "forbidden", so an id
reveals nothing about whether it exists.

A booking changed by a request, an event or a timer is locked when it is read and saved when the
change is done (`changing`): changes of one booking take turns, each seeing what the one before did."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime

from sqlalchemy import ColumnElement, tuple_
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from booking.bookings import store
from booking.bookings.models import Booking
from booking.timeline import recorder as timeline
from shared.auth import Identity, Role
from shared.errors import NotFound
from shared.unit_of_work import UnitOfWork


def visible_to(identity: Identity) -> list[ColumnElement[bool]]:
    conditions = [Booking.marketplace_id == identity.marketplace_id]
    if identity.role is Role.STUDENT:
        conditions.append(Booking.student_id == identity.user_id)
    elif identity.role is Role.PROVIDER:
        conditions.append(Booking.provider_id == identity.user_id)
    return conditions


async def visible_booking(session: AsyncSession, identity: Identity, booking_id: str,
                          for_update: bool = False) -> Booking:
    booking = await store.find(session, identity.marketplace_id, booking_id, for_update=for_update,
                               student_id=identity.user_id if identity.role is Role.STUDENT else None,
                               provider_id=identity.user_id if identity.role is Role.PROVIDER else None)
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


@asynccontextmanager
async def changing(uow: UnitOfWork, booking: Booking, *, new: bool = False) -> AsyncIterator[Booking]:
    """The block changes the (locked) booking, or makes the `new` one; when it ends without an error,
    the booking is stored with the timeline entries recorded meanwhile, in one statement. Every change
    moves the version on (changes.touch): an unchanged booking is not written again."""
    version = None if new else booking.version
    with timeline.deferred(uow.session) as entries:
        yield booking
        if new:
            await store.insert(uow.session, booking, entries)
        elif booking.version != version:
            await store.save(uow.session, booking, entries)
        elif entries:
            await timeline.write(uow.session, entries)


@asynccontextmanager
async def booking_of_event(uow: UnitOfWork, marketplace_id: str, booking_id: str) -> AsyncIterator[Booking]:
    """The booking another service's event or a timer is about, locked for the change it causes."""
    booking = await store.find(uow.session, marketplace_id, booking_id, for_update=True)
    if booking is None:
        # Raised, not skipped: after its retries the event lands in the dead-letter queue, visible.
        raise LookupError(f"no booking {booking_id!r} in marketplace {marketplace_id!r}")
    async with changing(uow, booking):
        yield booking
