"""What counts against a provider (PS-1): each cancellation the provider caused and each
rearrangement of a student's booking by the provider ("Edit Date/Time"). Recorded with the change
that causes it; suspension past the policy's threshold is a later issue's, which counts these rows."""

from enum import StrEnum

from booking.bookings.models import Booking
from booking.providers.models import ProviderStrike
from shared.events import ProviderStrikeRecorded
from shared.unit_of_work import UnitOfWork


class StrikeKind(StrEnum):
    CANCELLATION = "cancellation"
    REARRANGEMENT = "rearrangement"


def record_strike(uow: UnitOfWork, booking: Booking, kind: StrikeKind, reason: str) -> ProviderStrike:
    strike = ProviderStrike(marketplace_id=booking.marketplace_id, provider_id=booking.provider_id,
                            booking_id=booking.id, kind=kind.value, reason=reason[:500])
    uow.session.add(strike)
    uow.emit(ProviderStrikeRecorded(strike_id=strike.id, provider_id=strike.provider_id, booking_id=booking.id,
                                    kind=kind.value, recorded_at=strike.recorded_at),
             marketplace=booking.marketplace_id, subject=booking.subject)
    return strike
