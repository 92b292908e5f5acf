"""Pausing and reactivating providers (BK-5): existing bookings stand, no new ones are taken.

Each change is announced (`booking.provider_paused.v1`, `booking.provider_reactivated.v1`, subject
`provider/<id>`) in the transaction that makes it, so the provider is alerted (NT-2)."""

from fastapi import APIRouter

from booking.providers.models import Provider
from booking.providers.profiles import find_provider, own_profile
from booking.providers.schemas import ProviderOut, StaffPauseIn
from booking.providers.standing import PausedBy, ProviderStatus, Standing
from booking.roles import ProviderIdentity
from shared.auth import StaffIdentity
from shared.events import ProviderPaused, ProviderReactivated
from shared.http import UoW
from shared.unit_of_work import UnitOfWork

router = APIRouter(prefix="/v1/providers", tags=["providers"])


def change_standing(uow: UnitOfWork, provider: Provider, standing: Standing, by: PausedBy,
                    staff_id: str | None = None, reason: str | None = None) -> None:
    """Set the provider's standing and announce it with the change."""
    provider.change_standing(standing)
    if standing.status is ProviderStatus.PAUSED:
        data = ProviderPaused(provider_id=provider.id, by=by.value, paused_at=provider.updated_at,
                              staff_id=staff_id, reason=reason)
    else:
        data = ProviderReactivated(provider_id=provider.id, by=by.value, reactivated_at=provider.updated_at,
                                   staff_id=staff_id)
    uow.emit(data, marketplace=provider.marketplace_id, subject=f"provider/{provider.id}")


@router.post("/me/pause", summary="Pause the caller's own account: no new bookings")
async def pause_own_account(identity: ProviderIdentity, uow: UoW) -> ProviderOut:
    provider = await own_profile(uow.session, identity.marketplace_id, identity.user_id, for_update=True)
    change_standing(uow, provider, provider.standing.paused_by_provider(), PausedBy.PROVIDER)
    await uow.commit()
    return ProviderOut.model_validate(provider)


@router.post("/me/resume", summary="Resume the caller's own account after their own pause")
async def resume_own_account(identity: ProviderIdentity, uow: UoW) -> ProviderOut:
    provider = await own_profile(uow.session, identity.marketplace_id, identity.user_id, for_update=True)
    change_standing(uow, provider, provider.standing.resumed_by_provider(), PausedBy.PROVIDER)
    await uow.commit()
    return ProviderOut.model_validate(provider)


@router.post("/{provider_id}/pause", summary="Staff: pause a provider")
async def pause_provider(provider_id: str, staff: StaffIdentity, uow: UoW,
                         body: StaffPauseIn | None = None) -> ProviderOut:
    provider = await find_provider(uow.session, staff.marketplace_id, provider_id, for_update=True)
    change_standing(uow, provider, provider.standing.paused_by_staff(), PausedBy.STAFF, staff.user_id,
                    body.reason if body else None)
    await uow.commit()
    return ProviderOut.model_validate(provider)


@router.post("/{provider_id}/reactivate", summary="Staff: reactivate a paused or suspended provider")
async def reactivate_provider(provider_id: str, staff: StaffIdentity, uow: UoW) -> ProviderOut:
    provider = await find_provider(uow.session, staff.marketplace_id, provider_id, for_update=True)
    change_standing(uow, provider, provider.standing.reactivated_by_staff(), PausedBy.STAFF, staff.user_id)
    await uow.commit()
    return ProviderOut.model_validate(provider)
