from datetime import datetime

from fastapi import APIRouter
from pydantic import BaseModel

from shared.auth import CurrentIdentity
from shared.errors import NotFound
from shared.http import UoW

from booking.marketplaces.models import Marketplace

router = APIRouter(prefix="/v1", tags=["marketplace"])


class MarketplaceOut(BaseModel):
    id: str
    name: str
    policy_preset: str
    policy_overrides: dict
    registered_at: datetime


@router.get("/marketplace", summary="The caller's marketplace and its policy")
async def get_marketplace(identity: CurrentIdentity, uow: UoW) -> MarketplaceOut:
    marketplace = await uow.session.get(Marketplace, identity.marketplace_id)
    if marketplace is None:
        raise NotFound("This marketplace is not known to the booking service yet.", slug="marketplace-not-found")
    return MarketplaceOut.model_validate(marketplace, from_attributes=True)
