"""A status change of a booking: the state machine decides, the timeline records it, in the
transaction of the change."""

from sqlmodel.ext.asyncio.session import AsyncSession

from booking.bookings.lifecycle import BookingStatus, Step, next_status
from booking.bookings.models import Booking
from booking.clock import utcnow
from booking.timeline.recorder import record


async def change_status(session: AsyncSession, booking: Booking, step: Step, summary: str,
                        **data) -> BookingStatus:
    before = BookingStatus(booking.status)
    after = next_status(before, step, provider_must_accept=booking.policy.provider_must_accept)
    booking.status = after.value
    touch(booking)
    await record(session, marketplace_id=booking.marketplace_id, booking_id=booking.id, type=f"booking.{after}",
                 summary=summary, data={"from": before.value, "to": after.value, **data})
    return after


def refresh_payment_state(booking: Booking) -> None:
    """Derive the stored payment state from the recorded wallet facts (see payment_state)."""
    booking.payment_state = booking.payment_facts.state.value
    touch(booking)


def touch(booking: Booking) -> None:
    """Every change of a booking moves its version on: a caller's If-Match names the one it saw; the
    booking is saved when its version moved (access.changing)."""
    booking.version, booking.updated_at = booking.version + 1, utcnow()
