from datetime import datetime

from sqlalchemy import tuple_
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from gateway.marketplaces.models import Marketplace
from gateway.marketplaces.schemas import MarketplaceOut
from shared.errors import NotFound
from shared.pagination import Page, decode_cursor, encode_cursor


async def marketplaces_page(session: AsyncSession, limit: int, cursor: str | None) -> Page[MarketplaceOut]:
    """Marketplaces in the order they were created; one row more than asked tells if a next page exists."""
    query = select(Marketplace).order_by(Marketplace.created_at, Marketplace.id).limit(limit + 1)
    if cursor:
        after = decode_cursor(cursor, datetime, str)
        query = query.where(tuple_(Marketplace.created_at, Marketplace.id) > tuple_(*after))
    rows = list((await session.exec(query)).all())
    items = [MarketplaceOut.model_validate(row, from_attributes=True) for row in rows[:limit]]
    last = rows[limit - 1] if len(rows) > limit else None
    return Page(items=items, next_cursor=encode_cursor(last.created_at, last.id) if last else None)


async def marketplace_or_404(session: AsyncSession, marketplace_id: str) -> Marketplace:
    marketplace = await session.get(Marketplace, marketplace_id)
    if marketplace is None:
        raise NotFound(f"There is no marketplace '{marketplace_id}'.", slug="marketplace-not-found")
    return marketplace
