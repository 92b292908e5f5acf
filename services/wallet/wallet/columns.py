"""Column shapes every wallet table uses, so ids, money and times look the same everywhere.

Each helper is annotated with the Python type of the attribute it declares, as SQLModel's own
`Field` is, so the models' attributes keep their real types for readers and type checkers."""

from datetime import datetime

from sqlalchemy import BigInteger, Column, DateTime, func
from sqlmodel import Field

ID_LENGTH = 40
MARKETPLACE_LENGTH = 100
USER_LENGTH = 100


def id_field() -> str:
    return Field(primary_key=True, max_length=ID_LENGTH)


def marketplace_field() -> str:
    # Not indexed alone: each table's lookups use a composite index that starts with marketplace_id.
    return Field(max_length=MARKETPLACE_LENGTH)


def minor_units(**kwargs) -> int:
    """An amount in minor units; BIGINT so a large ledger never overflows."""
    return Field(sa_column=Column(BigInteger, nullable=False, **kwargs))


def currency_field() -> str:
    return Field(min_length=3, max_length=3)


def created_at_field() -> datetime:
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=False, server_default=func.now()))
