from datetime import UTC, datetime

from sqlalchemy import ARRAY, JSON, Column, DateTime, String
from sqlmodel import Field

from booking.db import Base


class Marketplace(Base, table=True):
    __tablename__ = "marketplaces"

    id: str = Field(primary_key=True, max_length=100)
    name: str = Field(max_length=200)
    policy_preset: str = Field(max_length=50)
    policy_overrides: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # The ISO 4217 currencies it takes, as the gateway registered it. None: registered before
    # currencies were named, so any currency in circulation (see marketplaces.currencies).
    currencies: list[str] | None = Field(default=None, sa_column=Column(ARRAY(String(3)), nullable=True))
    registered_at: datetime = Field(default_factory=lambda: datetime.now(UTC),
                                    sa_column=Column(DateTime(timezone=True), nullable=False))
