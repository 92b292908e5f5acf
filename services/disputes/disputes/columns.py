"""Column helpers shared by the tables, and rows read on the driver connection turned into models."""

from collections.abc import Mapping
from typing import TypeVar

from sqlalchemy import Column, DateTime
from sqlmodel import SQLModel

M = TypeVar("M", bound=SQLModel)


def timestamp(nullable: bool = False) -> Column:
    return Column(DateTime(timezone=True), nullable=nullable)


def select_list(model: type[SQLModel], alias: str, prefix: str = "") -> str:
    """Every column of the model's table, as `alias.column AS prefixcolumn`: from the model, so a
    column added to it is read too."""
    return ", ".join(f"{alias}.{name} AS {prefix}{name}" for name in model.__table__.columns.keys())


def from_row(model: type[M], row: Mapping, prefix: str = "") -> M:
    """The model of a row read with `select_list`; not in any session (nothing of it is flushed)."""
    return model(**{name: row[prefix + name] for name in model.__table__.columns.keys()})


def insert_statement(model: type[SQLModel]) -> str:
    """INSERT of one row with every column of the model's table, in `values_of`'s order."""
    names = model.__table__.columns.keys()
    placeholders = ", ".join(f"${number}" for number in range(1, len(names) + 1))
    return f"INSERT INTO {model.__tablename__} ({', '.join(names)}) VALUES ({placeholders})"


def values_of(instance: SQLModel) -> list:
    return [getattr(instance, name) for name in type(instance).__table__.columns.keys()]
