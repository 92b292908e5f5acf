"""What the provider keeps of a cancelled lesson becomes theirs when the lesson would have been paid
at the latest: its planned end plus the terms' auto-confirm delay. Until then the provider (or
staff) may still give some or all of it back; after it, nothing changes the lesson's money."""

from booking.bookings.deadlines import auto_confirm_at
from booking.bookings.models import Booking
from booking.cancellations import events
from booking.cancellations.models import Cancellation
from booking.clock import utcnow
from booking.timeline.recorder import record
from shared.unit_of_work import UnitOfWork

SETTLE = "booking.cancellation_settlement"


async def schedule_settlement(uow: UnitOfWork, booking: Booking, cancellation: Cancellation) -> None:
    cancellation.settle_at = auto_confirm_at(booking)
    await uow.schedule(SETTLE, booking.id, cancellation.settle_at, marketplace=booking.marketplace_id)


async def settle(uow: UnitOfWork, booking: Booking, cancellation: Cancellation) -> None:
    if cancellation.settled_at is not None:
        return
    cancellation.settled_at = utcnow()
    uow.session.add(cancellation)
    kept = cancellation.remaining_minor
    await record(uow.session, marketplace_id=booking.marketplace_id, booking_id=booking.id,
                 type="booking.cancellation_settled",
                 summary=f"The provider keeps {kept} {booking.price_currency} of the cancelled lesson; no more "
                         "exceptions.",
                 data={"kept_minor": kept, "currency": booking.price_currency})
    if kept:
        uow.emit(events.settled(booking, cancellation), marketplace=booking.marketplace_id, subject=booking.subject)
