from typing import Annotated

from fastapi import APIRouter, Query, Response

from gateway.marketplaces.queries import marketplace_or_404, marketplaces_page
from gateway.marketplaces.registration import register_marketplace
from gateway.marketplaces.schemas import MarketplaceIn, MarketplaceOut
from gateway.operators import OperatorOnly
from shared.http import UoW
from shared.pagination import Page

router = APIRouter(prefix="/v1/admin/marketplaces", tags=["operators"], dependencies=[OperatorOnly])


@router.post("", status_code=201, summary="Register a marketplace and announce it to the services",
             responses={409: {"description": "The id is taken"}})
async def create_marketplace(body: MarketplaceIn, uow: UoW, response: Response) -> MarketplaceOut:
    marketplace = await register_marketplace(uow, body)
    await uow.commit()
    response.headers["Location"] = f"{router.prefix}/{marketplace.id}"
    return MarketplaceOut.model_validate(marketplace, from_attributes=True)


@router.get("", summary="The marketplaces, oldest first")
async def list_marketplaces(uow: UoW, limit: Annotated[int, Query(ge=1, le=100)] = 50,
                            cursor: str | None = None) -> Page[MarketplaceOut]:
    return await marketplaces_page(uow.session, limit, cursor)


@router.get("/{marketplace_id}", summary="One marketplace")
async def get_marketplace(marketplace_id: str, uow: UoW) -> MarketplaceOut:
    marketplace = await marketplace_or_404(uow.session, marketplace_id)
    return MarketplaceOut.model_validate(marketplace, from_attributes=True)
