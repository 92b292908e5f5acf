from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import ARRAY, JSON, Column, DateTime, Index, String
from sqlmodel import Field

from gateway.db import Base


class PolicyPreset(StrEnum):
    """The policy presets RULES.md ships; a marketplace starts from one and overrides parts of it."""

    COACHING = "coaching"
    LESSONS = "lessons"
    THERAPY = "therapy"
    STUDIO = "studio"


class MarketplaceStatus(StrEnum):
    ACTIVE = "active"


class Marketplace(Base, table=True):
    __tablename__ = "marketplaces"
    # A preflight asks whether any marketplace allows its origin: answered from this index.
    __table_args__ = (Index("ix_marketplaces_cors_origins", "cors_origins", postgresql_using="gin"),)

    id: str = Field(primary_key=True, max_length=100)
    name: str = Field(max_length=200)
    policy_preset: str = Field(max_length=50)
    policy_overrides: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # The browser origins its apps are served from (CORS), set by the partner with a secret key.
    cors_origins: list[str] = Field(default_factory=list, sa_column=Column(ARRAY(String(300)), nullable=False))
    currencies: list[str] = Field(default_factory=lambda: ["EUR"], sa_column=Column(ARRAY(String(3)), nullable=False))
    status: str = Field(default=MarketplaceStatus.ACTIVE, max_length=20)
    # Indexed: the operators' listing pages through marketplaces in (created_at, id) order.
    created_at: datetime = Field(default_factory=lambda: datetime.now(UTC),
                                 sa_column=Column(DateTime(timezone=True), nullable=False, index=True))
