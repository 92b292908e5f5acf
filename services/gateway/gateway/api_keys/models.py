from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import ARRAY, Column, DateTime, String
from sqlmodel import Field

from gateway.db import Base


class KeyKind(StrEnum):
    """As payment platforms split them: a secret key stays on the partner's servers (mints user tokens,
    manages the marketplace); a publishable key may sit in a browser or an app (it only says which
    marketplace a call is for, and can mint or change nothing)."""

    SECRET = "secret"
    PUBLISHABLE = "publishable"


class ApiKey(Base, table=True):
    __tablename__ = "api_keys"

    id: str = Field(primary_key=True, max_length=40)
    marketplace_id: str = Field(foreign_key="marketplaces.id", index=True, max_length=100)
    kind: str = Field(default=KeyKind.SECRET, max_length=20)
    # The first characters of the key, so a human can tell keys apart; never enough to use one.
    prefix: str = Field(max_length=20)
    # Only the SHA-256 of the key is kept; unique, because every request looks its key up by it.
    key_hash: str = Field(max_length=64, unique=True)
    # Scopes, set by the operator when issuing the key: the roles it mints tokens for, the longest
    # lifetime of those tokens, whether it may change the marketplace's policy.
    roles: list[str] = Field(default_factory=list, sa_column=Column(ARRAY(String(20)), nullable=False))
    max_token_ttl_s: int = Field(default=900)
    can_change_policy: bool = Field(default=False)
    created_at: datetime = Field(default_factory=lambda: datetime.now(UTC),
                                 sa_column=Column(DateTime(timezone=True), nullable=False))
    revoked_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=True))
