"""PS-2: staff see a provider's record. Anyone else gets 403; a provider of another marketplace, 404."""

from fastapi import APIRouter

from booking.answers import PROVIDER_NOT_FOUND
from booking.providers.profiles import find_provider
from booking.providers.record import provider_record
from booking.providers.record_schemas import ProviderRecordOut
from shared.auth import StaffIdentity
from shared.http import UoW
from shared.openapi import problem_answers

router = APIRouter(prefix="/v1/providers", tags=["providers"])


@router.get("/{provider_id}/record", summary="Staff: the provider's misses, strikes, disputed marks, standing and "
                                             "suspension history", responses=problem_answers(PROVIDER_NOT_FOUND))
async def get_provider_record(provider_id: str, staff: StaffIdentity, uow: UoW) -> ProviderRecordOut:
    provider = await find_provider(uow.session, staff.marketplace_id, provider_id)
    return ProviderRecordOut.of(await provider_record(uow.session, provider))
