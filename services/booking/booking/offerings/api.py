from fastapi import APIRouter, status

from booking.answers import MARKETPLACE_NOT_KNOWN, OFFERING_NOT_FOUND, PROFILE_MISSING
from booking.marketplaces.lookup import require_marketplace
from booking.offerings.catalog import change_offering, create_offering, find_offering, list_offerings
from booking.offerings.schemas import OfferingChange, OfferingIn, OfferingOut
from booking.providers.profiles import own_profile
from booking.roles import ProviderIdentity
from shared.auth import CurrentIdentity
from shared.currencies import CurrencyNotAccepted
from shared.http import UoW
from shared.openapi import problem_answers
from shared.pagination import Cursor, Limit, Page, decode_cursor, page

router = APIRouter(prefix="/v1/offerings", tags=["offerings"])


@router.post("", status_code=status.HTTP_201_CREATED, summary="Offer a kind of lesson (provider)",
             responses=problem_answers(PROFILE_MISSING, MARKETPLACE_NOT_KNOWN, CurrencyNotAccepted))
async def post_offering(request: OfferingIn, identity: ProviderIdentity, uow: UoW) -> OfferingOut:
    marketplace = await require_marketplace(uow.session, identity.marketplace_id)
    provider = await own_profile(uow.session, identity.marketplace_id, identity.user_id)
    offering = create_offering(marketplace, provider, request)
    uow.session.add(offering)
    await uow.commit()
    return OfferingOut.of(offering)


@router.patch("/{offering_id}", summary="Change one of the caller's offerings",
              responses=problem_answers(PROFILE_MISSING, OFFERING_NOT_FOUND, CurrencyNotAccepted))
async def patch_offering(offering_id: str, change: OfferingChange, identity: ProviderIdentity,
                         uow: UoW) -> OfferingOut:
    provider = await own_profile(uow.session, identity.marketplace_id, identity.user_id)
    offering = await find_offering(uow.session, identity.marketplace_id, offering_id, provider_id=provider.id)
    change_offering(await require_marketplace(uow.session, identity.marketplace_id), offering, provider, change)
    uow.session.add(offering)
    await uow.commit()
    return OfferingOut.of(offering)


@router.get("", summary="Offerings of the marketplace, of one provider or kind")
async def get_offerings(identity: CurrentIdentity, uow: UoW, provider_id: str | None = None,
                        kind: str | None = None, limit: Limit = 20, cursor: Cursor = None) -> Page[OfferingOut]:
    after = decode_cursor(cursor, str)[0] if cursor else None
    rows = await list_offerings(uow.session, identity.marketplace_id, provider_id, kind, after, limit)
    items, next_cursor = page(rows, limit, lambda offering: (offering.id,))
    return Page(items=[OfferingOut.of(o) for o in items], next_cursor=next_cursor)


@router.get("/{offering_id}", summary="One offering", responses=problem_answers(OFFERING_NOT_FOUND))
async def get_offering(offering_id: str, identity: CurrentIdentity, uow: UoW) -> OfferingOut:
    return OfferingOut.of(await find_offering(uow.session, identity.marketplace_id, offering_id))
