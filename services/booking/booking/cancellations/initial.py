"""Initial sessions (CX-3): where the booking's terms say so, a student's first lesson with a
provider is cancelled only by staff. "First": no earlier lesson of the pair stands or took place."""

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from booking.bookings.lifecycle import BookingStatus
from booking.bookings.models import Booking
from shared.auth import Identity, Role
from shared.errors import Forbidden

_COUNTS = (BookingStatus.CONFIRMED, BookingStatus.DELIVERED)


class InitialSessionStaffOnly(Forbidden):
    slug, title = "initial-session-staff-only", "Only staff cancel an initial session"


async def is_initial_session(session: AsyncSession, booking: Booking) -> bool:
    earlier = await session.exec(select(Booking.id).where(
        Booking.marketplace_id == booking.marketplace_id, Booking.student_id == booking.student_id,
        Booking.provider_id == booking.provider_id, Booking.id != booking.id,
        Booking.starts_at < booking.starts_at, col(Booking.status).in_(_COUNTS)).limit(1))
    return earlier.first() is None


async def require_may_cancel(session: AsyncSession, booking: Booking, canceller: Identity) -> None:
    if canceller.role is Role.STAFF or not booking.policy.initial_session_staff_only:
        return
    if await is_initial_session(session, booking):
        raise InitialSessionStaffOnly(
            "This is the student's first session with this provider; only the marketplace's team can cancel it. "
            "Contact them with the reason, confirm the student is aware, and say whether to refund.")
