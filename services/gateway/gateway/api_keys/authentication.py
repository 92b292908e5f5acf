"""Which marketplace a request speaks for, from its X-Api-Key."""

from typing import Annotated

from fastapi import Depends, Request, Security
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from gateway.api_keys.key_material import key_hash
from gateway.api_keys.models import ApiKey
from gateway.marketplaces.models import Marketplace, MarketplaceStatus
from gateway.security import API_KEY
from shared.errors import Unauthorized


async def marketplace_of_key(session: AsyncSession, key: str) -> str | None:
    """The marketplace of a live key. Looked up by hash on every request, so a revocation counts at once."""
    query = (select(ApiKey.marketplace_id).join(Marketplace)
             .where(ApiKey.key_hash == key_hash(key), ApiKey.revoked_at.is_(None),
                    Marketplace.status == MarketplaceStatus.ACTIVE))
    return (await session.exec(query)).first()


async def partner_marketplace(request: Request, key: Annotated[str | None, Security(API_KEY)]) -> str:
    if not key:
        raise Unauthorized("Send an API key of your marketplace as X-Api-Key.", slug="missing-api-key")
    # A unit of work of its own rather than the UoW dependency: that one would hold a database
    # connection until the response is sent, i.e. through the whole upstream call of a proxied request.
    async with request.app.state.runtime.uow() as uow:
        marketplace_id = await marketplace_of_key(uow.session, key)
    if marketplace_id is None:
        raise Unauthorized("The API key is not valid or has been revoked.", slug="invalid-api-key")
    return marketplace_id


PartnerMarketplace = Annotated[str, Depends(partner_marketplace)]
