"""Points in time as partners send them: RFC 3339 strings with an offset, within sane years."""

import re
from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, AwareDatetime, BeforeValidator, Field

EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
# Far enough for any lesson or course; far from datetime.max, so adding a duration never overflows.
LATEST = datetime(2100, 1, 1, tzinfo=UTC)


_NUMBER = re.compile(r"\s*[-+]?\d+(\.\d*)?\s*")


def _text_only(value: Any) -> Any:
    # A number would otherwise be read as seconds since 1970: nobody sends a lesson's time like that.
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str) or _NUMBER.fullmatch(value):
        raise ValueError("must be a string with a time zone offset (RFC 3339), e.g. 2026-05-04T10:00:00+02:00")
    return value


def _within_years(value: datetime) -> datetime:
    if not EARLIEST <= value < LATEST:
        raise ValueError(f"must be between {EARLIEST.year} and {LATEST.year - 1}")
    return value


Timestamp = Annotated[AwareDatetime, BeforeValidator(_text_only), AfterValidator(_within_years),
                      Field(examples=["2026-05-04T10:00:00+02:00"])]
