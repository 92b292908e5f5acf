"""The caller's marketplace and its policy; staff change the policy of new bookings (BK-6)."""

from fastapi import APIRouter

from booking.answers import MARKETPLACE_NOT_KNOWN
from booking.marketplaces.lookup import policy_of, require_marketplace
from booking.marketplaces.models import Marketplace
from booking.marketplaces.schemas import MarketplaceOut, PolicyChange, PolicyOut
from shared.auth import CurrentIdentity, StaffIdentity
from shared.http import UoW
from shared.openapi import problem_answers

router = APIRouter(prefix="/v1", tags=["marketplace"])


def marketplace_out(marketplace: Marketplace) -> MarketplaceOut:
    policy = policy_of(marketplace)
    return MarketplaceOut(
        id=marketplace.id, name=marketplace.name, currencies=marketplace.currencies,
        registered_at=marketplace.registered_at,
        policy=PolicyOut(preset=marketplace.policy_preset, overrides=marketplace.policy_overrides,
                         ignored_overrides=policy.ignored, terms=policy.terms))


@router.get("/marketplace", summary="The caller's marketplace and its effective policy",
            responses=problem_answers(MARKETPLACE_NOT_KNOWN))
async def get_marketplace(identity: CurrentIdentity, uow: UoW) -> MarketplaceOut:
    return marketplace_out(await require_marketplace(uow.session, identity.marketplace_id))


@router.put("/marketplace/policy", summary="Change the policy new bookings get (existing ones keep theirs)",
            responses=problem_answers(MARKETPLACE_NOT_KNOWN))
async def change_policy(change: PolicyChange, staff: StaffIdentity, uow: UoW) -> MarketplaceOut:
    marketplace = await require_marketplace(uow.session, staff.marketplace_id)
    marketplace.policy_preset, marketplace.policy_overrides = change.preset.value, change.overrides
    uow.session.add(marketplace)
    await uow.commit()
    return marketplace_out(marketplace)
