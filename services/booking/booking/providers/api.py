"""Provider profiles: a provider keeps their own; everyone in the marketplace can read them."""

from fastapi import APIRouter, Response, status

from booking.answers import PROFILE_MISSING, PROVIDER_NOT_FOUND
from booking.providers.profiles import find_provider, list_providers, own_profile, save_profile
from booking.providers.schemas import ProfileIn, ProviderOut
from booking.roles import ProviderIdentity
from shared.auth import CurrentIdentity
from shared.http import UoW
from shared.openapi import problem_answers
from shared.pagination import Cursor, Limit, Page, decode_cursor, page

router = APIRouter(prefix="/v1/providers", tags=["providers"])


@router.put("/me", summary="Create or update the caller's provider profile",
            responses={201: {"model": ProviderOut, "description": "Created"}})
async def put_own_profile(profile: ProfileIn, identity: ProviderIdentity, uow: UoW, response: Response) -> ProviderOut:
    created = await save_profile(uow.session, identity.marketplace_id, identity.user_id, profile)
    await uow.commit()
    if created:
        response.status_code = status.HTTP_201_CREATED
    return ProviderOut.model_validate(await own_profile(uow.session, identity.marketplace_id, identity.user_id))


@router.get("/me", summary="The caller's provider profile", responses=problem_answers(PROFILE_MISSING))
async def get_own_profile(identity: ProviderIdentity, uow: UoW) -> ProviderOut:
    return ProviderOut.model_validate(await own_profile(uow.session, identity.marketplace_id, identity.user_id))


@router.get("", summary="Providers of the caller's marketplace")
async def get_providers(identity: CurrentIdentity, uow: UoW, kind: str | None = None, limit: Limit = 20,
                        cursor: Cursor = None) -> Page[ProviderOut]:
    after = decode_cursor(cursor, str)[0] if cursor else None
    rows = await list_providers(uow.session, identity.marketplace_id, kind, after, limit)
    items, next_cursor = page(rows, limit, lambda provider: (provider.id,))
    return Page(items=[ProviderOut.model_validate(p) for p in items], next_cursor=next_cursor)


@router.get("/{provider_id}", summary="One provider of the caller's marketplace",
            responses=problem_answers(PROVIDER_NOT_FOUND))
async def get_provider(provider_id: str, identity: CurrentIdentity, uow: UoW) -> ProviderOut:
    return ProviderOut.model_validate(await find_provider(uow.session, identity.marketplace_id, provider_id))
