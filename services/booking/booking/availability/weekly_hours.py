"""Weekly hours: windows of wall-clock time on ISO weekdays (1 = Monday ... 7 = Sunday)."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from booking.availability.wall_clock import MINUTES_PER_DAY

_CLOCK = re.compile(r"^(?P<h>[01]\d|2[0-4]):(?P<m>[0-5]\d)$")


def parse_clock(text: str) -> int:
    """'HH:MM' -> minutes after midnight; '24:00' is the end of the day."""
    match = _CLOCK.match(text)
    minutes = int(match["h"]) * 60 + int(match["m"]) if match else -1
    if not 0 <= minutes <= MINUTES_PER_DAY:
        raise ValueError(f"{text!r} is not a time of day as HH:MM (00:00 to 24:00)")
    return minutes


def format_clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True, order=True)
class WeeklyWindow:
    weekday: int
    start_minute: int
    end_minute: int

    def __post_init__(self) -> None:
        if not 1 <= self.weekday <= 7:
            raise ValueError("weekday must be 1 (Monday) to 7 (Sunday)")
        if not 0 <= self.start_minute < self.end_minute <= MINUTES_PER_DAY:
            raise ValueError("a window must start before it ends, within the day")

    def overlaps(self, other: "WeeklyWindow") -> bool:
        return (self.weekday == other.weekday and self.start_minute < other.end_minute
                and other.start_minute < self.end_minute)


def first_overlap(windows: Iterable[WeeklyWindow]) -> tuple[WeeklyWindow, WeeklyWindow] | None:
    for a, b in combinations(windows, 2):
        if a.overlaps(b):
            return a, b
    return None
