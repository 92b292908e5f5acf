from datetime import UTC, datetime

from sqlalchemy import JSON, Column, DateTime
from sqlmodel import Field

from booking.db import Base


class Marketplace(Base, table=True):
    __tablename__ = "marketplaces"

    id: str = Field(primary_key=True, max_length=100)
    name: str = Field(max_length=200)
    policy_preset: str = Field(max_length=50)
    policy_overrides: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    registered_at: datetime = Field(default_factory=lambda: datetime.now(UTC),
                                    sa_column=Column(DateTime(timezone=True), nullable=False))
