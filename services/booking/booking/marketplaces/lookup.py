"""Finding the caller's marketplace: booking learns of marketplaces from the gateway's events, so
one that was just registered may not be known here yet."""

from sqlmodel.ext.asyncio.session import AsyncSession

from booking.marketplaces.models import Marketplace
from booking.policies.overrides import EffectivePolicy, effective_policy
from shared.errors import NotFound


async def require_marketplace(session: AsyncSession, marketplace_id: str) -> Marketplace:
    marketplace = await session.get(Marketplace, marketplace_id)
    if marketplace is None:
        raise NotFound("This marketplace is not known to the booking service yet.", slug="marketplace-not-found")
    return marketplace


def policy_of(marketplace: Marketplace) -> EffectivePolicy:
    return effective_policy(marketplace.policy_preset, marketplace.policy_overrides)
