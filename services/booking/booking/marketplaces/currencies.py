"""The currencies a marketplace takes: an offering is priced only in one of them. A marketplace
registered before the gateway named currencies (None) takes any currency in circulation; whether a
code is one is the request schema's check (shared.events.money.Currency)."""

from booking.marketplaces.models import Marketplace
from shared.errors import Unprocessable


class CurrencyNotAccepted(Unprocessable):
    slug = "currency-not-accepted"

    def __init__(self, field: str, currency: str, accepted: list[str]):
        message = f"{currency} is not a currency this marketplace takes ({', '.join(accepted)})."
        super().__init__(message, accepted_currencies=accepted,
                         errors=[{"field": field, "message": message, "code": "currency_not_accepted"}])


def takes_currency(marketplace: Marketplace, currency: str) -> bool:
    return marketplace.currencies is None or currency in marketplace.currencies


def require_currency_taken(marketplace: Marketplace, currency: str, field: str) -> None:
    if not takes_currency(marketplace, currency):
        raise CurrencyNotAccepted(field, currency, marketplace.currencies)
