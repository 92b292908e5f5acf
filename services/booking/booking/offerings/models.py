import uuid
from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, Column, DateTime, Index
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field

from booking.clock import utcnow
from booking.db import Base
from shared.events import Money


class Offering(Base, table=True):
    __tablename__ = "offerings"
    __table_args__ = (
        Index("ix_offerings_provider", "marketplace_id", "provider_id"),
        CheckConstraint("duration_minutes > 0", name="positive_duration"),
        CheckConstraint("price_amount_minor >= 0", name="price_not_negative"),
    )

    id: str = Field(default_factory=lambda: uuid.uuid4().hex, primary_key=True, max_length=32)
    marketplace_id: str = Field(max_length=100)
    provider_id: str = Field(max_length=200)
    title: str = Field(max_length=200)
    kind: str = Field(max_length=50)
    duration_minutes: int
    # 64-bit: a price may be up to 100 million of its currency's major unit (shared.currencies).
    price_amount_minor: int = Field(sa_type=BigInteger)
    price_currency: str = Field(max_length=3)
    # Parts of the marketplace policy this offering does differently (e.g. a longer notice window).
    policy_overrides: dict = Field(default_factory=dict, sa_column=Column(JSONB, nullable=False))
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False))

    @property
    def price(self) -> Money:
        return Money(amount_minor=self.price_amount_minor, currency=self.price_currency)
