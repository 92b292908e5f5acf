"""Whether a marketplace accepts a currency. Money (shared.events.Money, Currency) has already refused
any code that is not a currency in circulation; this is the marketplace's own choice among those."""

from sqlmodel.ext.asyncio.session import AsyncSession

from shared.errors import Unprocessable
from wallet.marketplaces.models import MarketplaceCurrencies


class CurrencyNotAccepted(Unprocessable):
    slug = "currency-not-accepted"

    def __init__(self, currency: str, accepted: list[str], field: str):
        message = f"this marketplace does not accept {currency}; it accepts {', '.join(accepted) or 'none'}"
        super().__init__(f"{field}: {message}", accepted_currencies=accepted,
                         errors=[{"field": field, "message": message, "code": "currency_not_accepted"}])


async def accepted_currencies(session: AsyncSession, marketplace_id: str) -> list[str] | None:
    """The marketplace's currencies, or None for any currency in circulation: a marketplace the wallet has
    not heard of (registered before the wallet took gateway's event, or whose event is still on its way)
    or one registered before marketplaces named their currencies. Refusing those would stop marketplaces
    that work today."""
    known = await session.get(MarketplaceCurrencies, marketplace_id)
    return None if known is None else known.currencies


async def check_currency_accepted(session: AsyncSession, marketplace_id: str, currency: str, field: str) -> None:
    """Raise CurrencyNotAccepted, naming the request's `field`, for a currency the marketplace does not take."""
    accepted = await accepted_currencies(session, marketplace_id)
    if accepted is not None and currency not in accepted:
        raise CurrencyNotAccepted(currency, accepted, field)
