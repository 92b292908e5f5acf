"""The database holds a provider's time for a booking (BK-1): its exclusion constraint decides, at
flush, between bookings that want overlapping time, however many replicas race. A new booking and
a moved one (RS-3) are held the same way.

Callers lock the provider's row first: two inserts racing for one time can otherwise each wait on
the other inside the constraint's check, and PostgreSQL aborts one as a deadlock (a 500 after a
second, not a 409). Locked, bookings of one provider take turns; those of different providers don't
wait on each other."""

from sqlalchemy.exc import IntegrityError
from sqlmodel.ext.asyncio.session import AsyncSession

from booking.availability.problems import SlotTaken
from booking.bookings.models import SLOT_CONSTRAINT

EXCLUSION_VIOLATION = "23P01"


async def hold_slot(session: AsyncSession) -> None:
    """Flush the booking's new or changed time; 'slot-taken' when another booking holds it."""
    try:
        await session.flush()  # waits for a racing transaction's outcome on the same time
    except IntegrityError as exc:
        if _holds_slot_conflict(exc):
            raise SlotTaken() from None
        raise


def _holds_slot_conflict(exc: IntegrityError) -> bool:
    driver_error = exc.orig.__cause__  # asyncpg's own exception carries the constraint's name
    return (getattr(exc.orig, "sqlstate", None) == EXCLUSION_VIOLATION
            and getattr(driver_error, "constraint_name", None) == SLOT_CONSTRAINT)
