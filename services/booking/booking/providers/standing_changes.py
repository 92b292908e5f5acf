"""Changing a provider's standing: the new standing on the provider, a row of their standing history
(PS-2: who, when, why), and the event that announces it (NT-2), all in the change's transaction.

Events: paused and reactivated/resumed/reinstated (`booking.provider_paused.v1`,
`booking.provider_reactivated.v1`, BK-5) and suspended (`booking.provider_suspended.v1`, PS-1);
subject `provider/<id>`."""

from booking.providers.models import Provider, StandingChange
from booking.providers.standing import PausedBy, ProviderStatus, Standing, StandingChangeKind, change_kind
from booking.providers.strike_count import StrikeRecord
from shared.events import ProviderPaused, ProviderReactivated, ProviderSuspended
from shared.unit_of_work import UnitOfWork


def _apply(uow: UnitOfWork, provider: Provider, standing: Standing, by: str, by_user: str | None,
           reason: str | None) -> StandingChange:
    before = provider.standing
    provider.change_standing(standing)
    if change_kind(before, standing, by) is StandingChangeKind.REINSTATED:
        provider.strikes_reset_at = provider.updated_at  # a clean slate (strike_count.py)
    change = StandingChange(marketplace_id=provider.marketplace_id, provider_id=provider.id,
                            change=change_kind(before, standing, by).value, from_status=before.status.value,
                            to_status=standing.status.value, by=by, by_user=by_user,
                            reason=reason[:500] if reason else None, at=provider.updated_at)
    uow.session.add_all([provider, change])
    return change


def change_standing(uow: UnitOfWork, provider: Provider, standing: Standing, by: str,
                    staff_id: str | None = None, reason: str | None = None) -> None:
    """A pause or its end, by the provider or staff (BK-5), or staff reinstating a suspended provider."""
    by = PausedBy(by).value
    _apply(uow, provider, standing, by, staff_id, reason)
    if standing.status is ProviderStatus.PAUSED:
        data = ProviderPaused(provider_id=provider.id, by=by, paused_at=provider.updated_at,
                              staff_id=staff_id, reason=reason)
    else:
        data = ProviderReactivated(provider_id=provider.id, by=by, reactivated_at=provider.updated_at,
                                   staff_id=staff_id)
    uow.emit(data, marketplace=provider.marketplace_id, subject=f"provider/{provider.id}")


def suspend(uow: UnitOfWork, provider: Provider, strikes: list[StrikeRecord], threshold: int,
            window_days: int) -> None:
    """PS-1: the platform suspends the provider past the threshold of strikes in the window."""
    reason = f"{len(strikes)} strikes in {window_days} days (threshold {threshold})."
    _apply(uow, provider, provider.standing.suspended(), "platform", None, reason)
    uow.emit(ProviderSuspended(provider_id=provider.id, suspended_at=provider.updated_at,
                               strikes=len(strikes), threshold=threshold, window_days=window_days,
                               strike_ids=tuple(s.id for s in strikes)),
             marketplace=provider.marketplace_id, subject=f"provider/{provider.id}")
