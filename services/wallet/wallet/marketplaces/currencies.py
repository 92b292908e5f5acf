"""The currencies a marketplace accepts, as the wallet heard them from the gateway."""

from sqlmodel.ext.asyncio.session import AsyncSession

from wallet.marketplaces.models import MarketplaceCurrencies


async def accepted_currencies(session: AsyncSession, marketplace_id: str) -> list[str] | None:
    """The marketplace's currencies, or None for any currency in circulation: a marketplace the wallet has
    not heard of (registered before the wallet took gateway's event, or whose event is still on its way)
    or one registered before marketplaces named their currencies. Refusing those would stop marketplaces
    that work today."""
    known = await session.get(MarketplaceCurrencies, marketplace_id)
    return None if known is None else known.currencies
