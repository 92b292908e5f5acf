"""Changing a booking someone else may be changing too. Every change takes the booking's row lock
(SELECT ... FOR UPDATE), so concurrent changes of one booking take turns and each sees what the
one before it did. A caller who sends `If-Match` with the booking's ETag (its version, from
GET /v1/bookings/{id}) changes it only if nobody changed it since: of two callers who saw the same
version and race (a cancel and a move, say) exactly one wins; the other gets 412 and nothing changes.
Without If-Match a change applies to the booking as it is when its turn comes."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Header

from booking.bookings.access import changing, visible_booking
from booking.bookings.models import Booking
from shared.auth import Identity
from shared.errors import Problem
from shared.unit_of_work import UnitOfWork

IfMatch = Annotated[str | None, Header(alias="If-Match", description='The booking\'s ETag, e.g. "3": change '
                                                                     'it only if it is still that version')]


class BookingChanged(Problem):
    status, slug, title = 412, "booking-changed", "The booking changed meanwhile"


def etag(booking: Booking) -> str:
    return f'"{booking.version}"'


def require_unchanged(booking: Booking, if_match: str | None) -> None:
    if if_match is None or if_match.strip() == "*":
        return
    if etag(booking) not in {tag.strip() for tag in if_match.split(",")}:
        raise BookingChanged(f"The booking is at version {booking.version} now, not {if_match}: someone changed "
                             "it since you looked. Read it again and decide again.", current_version=booking.version)


@asynccontextmanager
async def booking_to_change(uow: UnitOfWork, identity: Identity, booking_id: str,
                            if_match: str | None = None) -> AsyncIterator[Booking]:
    """The caller's booking, locked until the transaction ends, if it is still the version they saw;
    saved when the block has changed it."""
    booking = await visible_booking(uow.session, identity, booking_id, for_update=True)
    require_unchanged(booking, if_match)
    async with changing(uow, booking):
        yield booking
