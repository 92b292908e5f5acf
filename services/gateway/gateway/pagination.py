"""Opaque cursors for keyset pagination in (created_at, id) order: the caller hands them back unread."""

import base64
import binascii
import json
from datetime import datetime
from typing import Generic, TypeVar

from pydantic import BaseModel

from shared.errors import Unprocessable

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


def encode_cursor(created_at: datetime, id: str) -> str:
    return base64.urlsafe_b64encode(json.dumps([created_at.isoformat(), id]).encode()).decode()


def decode_cursor(cursor: str) -> tuple[datetime, str]:
    """The position after which the next page starts."""
    try:
        created_at, id = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        return datetime.fromisoformat(created_at), str(id)
    except (binascii.Error, UnicodeError, ValueError, TypeError):
        raise Unprocessable("The cursor is not one this API returned.", slug="invalid-cursor",
                            errors=[{"field": "query.cursor", "message": "not a cursor this API returned",
                                     "code": "invalid_cursor"}]) from None
