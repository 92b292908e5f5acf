"""Column helpers shared by the tables."""

from sqlalchemy import Column, DateTime


def timestamp(nullable: bool = False) -> Column:
    return Column(DateTime(timezone=True), nullable=nullable)
