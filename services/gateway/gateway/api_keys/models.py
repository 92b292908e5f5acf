from datetime import UTC, datetime

from sqlalchemy import Column, DateTime
from sqlmodel import Field

from gateway.db import Base


class ApiKey(Base, table=True):
    __tablename__ = "api_keys"

    id: str = Field(primary_key=True, max_length=40)
    marketplace_id: str = Field(foreign_key="marketplaces.id", index=True, max_length=100)
    # The first characters of the key, so a human can tell keys apart; never enough to use one.
    prefix: str = Field(max_length=20)
    # Only the SHA-256 of the key is kept; unique, because every request looks its key up by it.
    key_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = Field(default_factory=lambda: datetime.now(UTC),
                                 sa_column=Column(DateTime(timezone=True), nullable=False))
    revoked_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=True))
