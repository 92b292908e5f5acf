from sqlalchemy import ARRAY, Column, String
from sqlmodel import Field

from wallet.columns import MARKETPLACE_LENGTH
from wallet.db import Base


class MarketplaceCurrencies(Base, table=True):
    """The ISO 4217 currencies a marketplace accepts, kept from its registration event."""

    __tablename__ = "marketplace_currencies"

    marketplace_id: str = Field(primary_key=True, max_length=MARKETPLACE_LENGTH)
    # NULL: the marketplace was registered before marketplaces named their currencies, and accepts any
    # currency in circulation (see currencies.accepted_currencies).
    currencies: list[str] | None = Field(default=None, sa_column=Column(ARRAY(String(3)), nullable=True))
