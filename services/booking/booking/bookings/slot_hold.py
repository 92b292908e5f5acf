"""The database holds a provider's time for a booking (BK-1): its exclusion constraint decides, when
the booking's row is written, between bookings that want overlapping time, however many replicas
race. A new booking and a moved one (RS-3) are held the same way (see store).

Callers lock the provider's row first: two inserts racing for one time can otherwise each wait on
the other inside the constraint's check, and PostgreSQL aborts one as a deadlock (a 500 after a
second, not a 409). Locked, bookings of one provider take turns; those of different providers don't
wait on each other."""

from collections.abc import Awaitable

import asyncpg

from booking.availability.problems import SlotTaken
from booking.bookings.models import SLOT_CONSTRAINT


async def hold_slot(write: Awaitable) -> None:
    """Send the statement writing a booking's new or changed time; 'slot-taken' when another booking
    holds it. It waits for a racing transaction's outcome on the same time."""
    try:
        await write
    except asyncpg.ExclusionViolationError as exc:
        if exc.constraint_name == SLOT_CONSTRAINT:
            raise SlotTaken() from None
        raise
