"""Pausing and reactivating providers (BK-5), and reinstating suspended ones (PS-1): existing
bookings stand, no new ones are taken while paused or suspended.

Each change is announced (`booking.provider_paused.v1`, `booking.provider_reactivated.v1`, subject
`provider/<id>`) and kept in the provider's standing history in the transaction that makes it
(standing_changes.py), so the provider is alerted (NT-2) and staff see it on their record (PS-2)."""

from fastapi import APIRouter

from booking.answers import PROFILE_MISSING, PROVIDER_NOT_FOUND
from booking.providers.profiles import find_provider, own_profile
from booking.providers.schemas import ProviderOut, StaffPauseIn
from booking.providers.standing import PausedBy, StandingConflict
from booking.providers.standing_changes import change_standing
from booking.roles import ProviderIdentity
from shared.auth import StaffIdentity
from shared.http import UoW
from shared.openapi import problem_answers

router = APIRouter(prefix="/v1/providers", tags=["providers"])


@router.post("/me/pause", summary="Pause the caller's own account: no new bookings",
             responses=problem_answers(PROFILE_MISSING, StandingConflict))
async def pause_own_account(identity: ProviderIdentity, uow: UoW) -> ProviderOut:
    provider = await own_profile(uow.session, identity.marketplace_id, identity.user_id, for_update=True)
    change_standing(uow, provider, provider.standing.paused_by_provider(), PausedBy.PROVIDER)
    await uow.commit()
    return ProviderOut.model_validate(provider)


@router.post("/me/resume", summary="Resume the caller's own account after their own pause",
             responses=problem_answers(PROFILE_MISSING, StandingConflict))
async def resume_own_account(identity: ProviderIdentity, uow: UoW) -> ProviderOut:
    provider = await own_profile(uow.session, identity.marketplace_id, identity.user_id, for_update=True)
    change_standing(uow, provider, provider.standing.resumed_by_provider(), PausedBy.PROVIDER)
    await uow.commit()
    return ProviderOut.model_validate(provider)


@router.post("/{provider_id}/pause", summary="Staff: pause a provider",
             responses=problem_answers(PROVIDER_NOT_FOUND, StandingConflict))
async def pause_provider(provider_id: str, staff: StaffIdentity, uow: UoW,
                         body: StaffPauseIn | None = None) -> ProviderOut:
    provider = await find_provider(uow.session, staff.marketplace_id, provider_id, for_update=True)
    change_standing(uow, provider, provider.standing.paused_by_staff(), PausedBy.STAFF, staff.user_id,
                    body.reason if body else None)
    await uow.commit()
    return ProviderOut.model_validate(provider)


@router.post("/{provider_id}/reactivate", summary="Staff: reactivate a paused provider, or reinstate a suspended one "
                                                  "(only strikes after it count towards a new suspension)",
             responses=problem_answers(PROVIDER_NOT_FOUND, StandingConflict))
async def reactivate_provider(provider_id: str, staff: StaffIdentity, uow: UoW) -> ProviderOut:
    provider = await find_provider(uow.session, staff.marketplace_id, provider_id, for_update=True)
    change_standing(uow, provider, provider.standing.reactivated_by_staff(), PausedBy.STAFF, staff.user_id)
    await uow.commit()
    return ProviderOut.model_validate(provider)
