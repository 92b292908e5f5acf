"""Cursor pagination for the wallet's lists: opaque cursors the caller hands back unread."""

import base64
import binascii
import json
from typing import Generic, TypeVar

from pydantic import BaseModel

from shared.errors import Unprocessable

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


def encode_cursor(position: int) -> str:
    return base64.urlsafe_b64encode(json.dumps([position]).encode()).decode()


def decode_cursor(cursor: str | None) -> int | None:
    """The position after which the next page starts; None for the first page."""
    if cursor is None:
        return None
    try:
        [position] = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        return int(position)
    except (binascii.Error, UnicodeError, ValueError, TypeError):
        raise Unprocessable("The cursor is not one this API returned.", slug="invalid-cursor",
                            errors=[{"field": "query.cursor", "message": "not a cursor this API returned",
                                     "code": "invalid_cursor"}]) from None
