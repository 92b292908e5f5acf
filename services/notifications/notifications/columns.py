"""Column helpers shared by the tables: aware timestamps and JSON documents."""

from sqlalchemy import Column, DateTime
from sqlalchemy.dialects.postgresql import JSONB


def timestamp(nullable: bool = False, index: bool = False) -> Column:
    return Column(DateTime(timezone=True), nullable=nullable, index=index)


def document(nullable: bool = False) -> Column:
    return Column(JSONB, nullable=nullable)
