"""Staff refunded a missed lesson to the student's card (RF-2) while its miss was unresolved: the
student is made whole, so the miss is resolved (by staff) and the grace timer stops; nothing is
announced, the money moved already. A choice: it still counts against the provider as a miss
(PS-1), since the provider left it unresolved and staff had to step in."""

from booking.bookings.models import Booking
from booking.misses.remedies import MissRemedy
from booking.misses.resolving import resolve_miss
from booking.providers.strikes import StrikeKind, record_strike
from shared.events import RefundIssued
from shared.unit_of_work import UnitOfWork


async def refunded_to_card(uow: UnitOfWork, booking: Booking, refund: RefundIssued) -> None:
    if refund.destination != "card" or not booking.miss_unresolved:
        return
    await resolve_miss(uow, booking, MissRemedy.CARD_REFUND, "staff")
    await record_strike(uow, booking, StrikeKind.MISS,
                        "The provider left the missed lesson unresolved; staff refunded it to the card.")
