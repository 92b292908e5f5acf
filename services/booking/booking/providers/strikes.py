"""What counts against a provider (PS-1): each cancellation the provider caused, each rearrangement
of a student's booking by the provider ("Edit Date/Time"), and each miss they left unresolved past
the grace period (or until staff refunded it to the card, see booking.misses). Recorded with the
change that causes it, and counted at once against the threshold (suspension.py)."""

from enum import StrEnum

from booking.bookings.models import Booking
from booking.providers.models import ProviderStrike
from booking.providers.suspension import count_strikes
from shared.events import ProviderStrikeRecorded
from shared.unit_of_work import UnitOfWork


class StrikeKind(StrEnum):
    CANCELLATION = "cancellation"
    REARRANGEMENT = "rearrangement"
    MISS = "miss"


async def record_strike(uow: UnitOfWork, booking: Booking, kind: StrikeKind, reason: str) -> ProviderStrike:
    strike = ProviderStrike(marketplace_id=booking.marketplace_id, provider_id=booking.provider_id,
                            booking_id=booking.id, kind=kind.value, reason=reason[:500])
    uow.session.add(strike)
    uow.emit(ProviderStrikeRecorded(strike_id=strike.id, provider_id=strike.provider_id, booking_id=booking.id,
                                    kind=kind.value, recorded_at=strike.recorded_at),
             marketplace=booking.marketplace_id, subject=booking.subject)
    await count_strikes(uow, booking.marketplace_id, booking.provider_id)
    return strike
