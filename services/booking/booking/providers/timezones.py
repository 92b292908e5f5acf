"""IANA time zone names, checked against the zone database (not just anything ZoneInfo can open:
it also opens file paths)."""

from functools import cache
from typing import Annotated
from zoneinfo import available_timezones

from pydantic import AfterValidator


@cache
def _known_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def iana_timezone(name: str) -> str:
    if name not in _known_zones():
        raise ValueError(f"{name!r} is not an IANA time zone name, such as 'Europe/Berlin'")
    return name


IanaTimezone = Annotated[str, AfterValidator(iana_timezone)]
