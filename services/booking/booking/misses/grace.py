"""MS-3: the provider's grace period. It starts when the lesson is missed (a timer at missed_at plus
the booking's miss_grace_hours, BK-6). When it ends with the miss still unresolved, the platform
refunds the student (the wallet: from escrow, or clawed back from the provider once paid) and the
miss counts against the provider (PS-1). A resolution before it stops the timer; a timer that finds
the miss resolved anyway (resolved in the same instant) does nothing: once per booking."""

from booking.bookings.lifecycle import BookingStatus, Step, can
from booking.bookings.models import Booking
from booking.misses.remedies import MISS_GRACE, MissRemedy, grace_ends_at
from booking.misses.resolving import resolve_miss
from booking.providers.strikes import StrikeKind, record_strike
from shared.unit_of_work import UnitOfWork


async def start_grace_period(uow: UnitOfWork, booking: Booking) -> None:
    await uow.schedule(MISS_GRACE, booking.id, grace_ends_at(booking.missed_at, booking.policy),
                       marketplace=booking.marketplace_id)


async def grace_period_over(uow: UnitOfWork, booking: Booking) -> None:
    if not booking.miss_unresolved or not can(BookingStatus(booking.status), Step.MISS_RESOLVED):
        return  # resolved meanwhile; or its money was decided otherwise (settled), which resolves it too
    await resolve_miss(uow, booking, MissRemedy.PLATFORM_REFUND, "platform")
    hours = booking.policy.miss_grace_hours
    await record_strike(uow, booking, StrikeKind.MISS,
                        f"The provider left the missed lesson unresolved for {hours} hours; the platform refunded it.")
