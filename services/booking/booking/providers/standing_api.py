"""Pausing and reactivating providers (BK-5): existing bookings stand, no new ones are taken."""

from fastapi import APIRouter

from booking.providers.profiles import find_provider, own_profile
from booking.providers.schemas import ProviderOut
from booking.roles import ProviderIdentity
from shared.auth import StaffIdentity
from shared.http import UoW

router = APIRouter(prefix="/v1/providers", tags=["providers"])


@router.post("/me/pause", summary="Pause the caller's own account: no new bookings")
async def pause_own_account(identity: ProviderIdentity, uow: UoW) -> ProviderOut:
    provider = await own_profile(uow.session, identity.marketplace_id, identity.user_id, for_update=True)
    provider.change_standing(provider.standing.paused_by_provider())
    await uow.commit()
    return ProviderOut.model_validate(provider)


@router.post("/me/resume", summary="Resume the caller's own account after their own pause")
async def resume_own_account(identity: ProviderIdentity, uow: UoW) -> ProviderOut:
    provider = await own_profile(uow.session, identity.marketplace_id, identity.user_id, for_update=True)
    provider.change_standing(provider.standing.resumed_by_provider())
    await uow.commit()
    return ProviderOut.model_validate(provider)


@router.post("/{provider_id}/pause", summary="Staff: pause a provider")
async def pause_provider(provider_id: str, staff: StaffIdentity, uow: UoW) -> ProviderOut:
    provider = await find_provider(uow.session, staff.marketplace_id, provider_id, for_update=True)
    provider.change_standing(provider.standing.paused_by_staff())
    await uow.commit()
    return ProviderOut.model_validate(provider)


@router.post("/{provider_id}/reactivate", summary="Staff: reactivate a paused or suspended provider")
async def reactivate_provider(provider_id: str, staff: StaffIdentity, uow: UoW) -> ProviderOut:
    provider = await find_provider(uow.session, staff.marketplace_id, provider_id, for_update=True)
    provider.change_standing(provider.standing.reactivated_by_staff())
    await uow.commit()
    return ProviderOut.model_validate(provider)
