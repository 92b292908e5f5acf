"""Cursor pagination: the cursor is opaque to callers (base64 of the last row's sort key), so the
sort key can change without breaking partners, and a page never skips or repeats a row that is
added meanwhile, as offsets would."""

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Annotated, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel, TypeAdapter

from shared.errors import Unprocessable
from shared.timestamps import Timestamp

T = TypeVar("T")
Row = TypeVar("Row")

_TIMESTAMP = TypeAdapter(Timestamp)

Limit = Annotated[int, Query(ge=1, le=100, description="Items per page")]
Cursor = Annotated[str | None, Query(description="`next_cursor` of the previous page")]


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


def encode_cursor(*key: str | datetime) -> str:
    plain = [value.isoformat() if isinstance(value, datetime) else value for value in key]
    return base64.urlsafe_b64encode(json.dumps(plain).encode()).decode().rstrip("=")


def decode_cursor(cursor: str, *types: type) -> tuple:
    """The sort key in `cursor`, each part converted to its type; 422 when it isn't one of ours."""
    try:
        plain = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(plain, list) or len(plain) != len(types):
            raise ValueError("wrong shape")
        # A time goes through the checks of any time a partner sends: a cursor forged with year 0001
        # or 9999 would otherwise fail in the driver (a 500), not here.
        return tuple(_TIMESTAMP.validate_python(v) if t is datetime else t(v)
                     for v, t in zip(plain, types, strict=True))
    except (ValueError, TypeError, binascii.Error):
        raise Unprocessable("The cursor is not one this API returned; start again without it.",
                            slug="invalid-cursor", errors=[{"field": "query.cursor", "code": "invalid_cursor",
                                                            "message": "not a cursor this API returned"}]) from None


def page(rows: Sequence[Row], limit: int, sort_key: Callable[[Row], tuple]) -> tuple[list[Row], str | None]:
    """Split `limit + 1` fetched rows into this page and the cursor of the next (None: last page)."""
    items = list(rows[:limit])
    more = len(rows) > limit
    return items, encode_cursor(*sort_key(items[-1])) if more else None
