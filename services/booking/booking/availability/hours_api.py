"""Weekly hours: set by the provider, read by everyone in the marketplace."""

from fastapi import APIRouter

from booking.answers import PROFILE_MISSING, PROVIDER_NOT_FOUND
from booking.availability.schemas import AvailabilityOut, WeeklyHoursIn, WeeklyWindowOut
from booking.availability.store import replace_weekly_windows, weekly_windows
from booking.providers.models import Provider
from booking.providers.profiles import find_provider, own_profile
from booking.roles import ProviderIdentity
from shared.auth import CurrentIdentity
from shared.http import UoW
from shared.openapi import problem_answers

router = APIRouter(prefix="/v1/providers", tags=["availability"])


async def _availability(uow: UoW, provider: Provider) -> AvailabilityOut:
    windows = await weekly_windows(uow.session, provider)
    return AvailabilityOut(provider_id=provider.id, timezone=provider.timezone,
                           weekly_hours=[WeeklyWindowOut.of(w) for w in windows])


@router.put("/me/availability", summary="Replace the caller's weekly hours (wall-clock times in their zone)",
            responses=problem_answers(PROFILE_MISSING))
async def put_weekly_hours(hours: WeeklyHoursIn, identity: ProviderIdentity, uow: UoW) -> AvailabilityOut:
    provider = await own_profile(uow.session, identity.marketplace_id, identity.user_id, for_update=True)
    await replace_weekly_windows(uow.session, provider, [w.window for w in hours.root])
    await uow.commit()
    return await _availability(uow, provider)


@router.get("/me/availability", summary="The caller's weekly hours", responses=problem_answers(PROFILE_MISSING))
async def get_own_weekly_hours(identity: ProviderIdentity, uow: UoW) -> AvailabilityOut:
    return await _availability(uow, await own_profile(uow.session, identity.marketplace_id, identity.user_id))


@router.get("/{provider_id}/availability", summary="A provider's weekly hours",
            responses=problem_answers(PROVIDER_NOT_FOUND))
async def get_weekly_hours(provider_id: str, identity: CurrentIdentity, uow: UoW) -> AvailabilityOut:
    return await _availability(uow, await find_provider(uow.session, identity.marketplace_id, provider_id))
