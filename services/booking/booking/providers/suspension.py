"""PS-1: after each strike, the provider's strikes are counted against the marketplace's current
threshold and window (strike_count.py); at or past the threshold a provider not suspended yet is
suspended: no bookable slots, no new bookings (both check `Standing.bookable`), their existing
bookings stand. Staff reinstate them (`POST /v1/providers/{id}/reactivate`).

The provider's row is locked before counting, so two strikes recorded at once take turns and the
second one counts the first: a threshold is never slipped past by a race."""

from sqlmodel import select

from booking.clock import utcnow
from booking.marketplaces.lookup import policy_of, require_marketplace
from booking.providers.models import ProviderStrike
from booking.providers.profiles import find_provider
from booking.providers.standing_changes import suspend
from booking.providers.strike_count import StrikeRecord, counted, counting_since, suspends
from shared.unit_of_work import UnitOfWork


async def count_strikes(uow: UnitOfWork, marketplace_id: str, provider_id: str) -> None:
    """Suspend the provider if their strikes now reach the threshold (once: a suspended one stays so)."""
    session = uow.session
    provider = await find_provider(session, marketplace_id, provider_id, for_update=True)
    terms = policy_of(await require_marketplace(session, marketplace_id)).terms
    since = counting_since(utcnow(), terms.strikes_window_days, provider.strikes_reset_at)
    rows = await session.exec(select(ProviderStrike.id, ProviderStrike.recorded_at).where(
        ProviderStrike.marketplace_id == marketplace_id, ProviderStrike.provider_id == provider_id,
        ProviderStrike.recorded_at >= since))
    strikes = counted((StrikeRecord(strike_id, at) for strike_id, at in rows), since)
    if suspends(provider.standing, len(strikes), terms.strikes_threshold):
        suspend(uow, provider, strikes, terms.strikes_threshold, terms.strikes_window_days)
