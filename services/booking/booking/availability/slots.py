"""Bookable slots: start times on the offering's duration grid within weekly hours, minus blocked
and booked time, only in the future. Pure: everything it needs is handed to it."""

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from booking.availability.wall_clock import end_instant, instant, local_days
from booking.availability.weekly_hours import WeeklyWindow


@dataclass(frozen=True)
class Interval:
    start: datetime
    end: datetime

    def overlaps(self, other: "Interval") -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, moment: datetime) -> bool:
        return self.start <= moment < self.end


@dataclass(frozen=True)
class Slot:
    starts_at: datetime  # UTC
    ends_at: datetime
    zone: ZoneInfo

    @property
    def interval(self) -> Interval:
        return Interval(self.starts_at, self.ends_at)

    @property
    def local_starts_at(self) -> datetime:
        return self.starts_at.astimezone(self.zone)

    @property
    def local_ends_at(self) -> datetime:
        return self.ends_at.astimezone(self.zone)


def grid_slots(weekly: Iterable[WeeklyWindow], zone: ZoneInfo, duration: timedelta, within: Interval) -> list[Slot]:
    """Every slot of the weekly hours starting within `within`, busy or not. The grid starts at
    each window's start; a slot must end by the window's end."""
    step = int(duration.total_seconds() // 60)
    windows = list(weekly)
    slots = []
    for day in local_days(within.start, within.end, zone):
        for window in (w for w in windows if w.weekday == day.isoweekday()):
            window_end = end_instant(day, window.end_minute, zone)
            for minute in range(window.start_minute, window.end_minute, step):
                start = instant(day, minute, zone)
                if start is None:  # the clocks skip this time today
                    continue
                if start + duration > window_end:
                    break
                if within.contains(start):
                    slots.append(Slot(start, start + duration, zone))
    return sorted(slots, key=lambda slot: slot.starts_at)


def slot_starting(weekly: Iterable[WeeklyWindow], zone: ZoneInfo, duration: timedelta,
                  starts_at: datetime) -> Slot | None:
    """The slot of `grid_slots` that starts at `starts_at`, if there is one: found from the start's
    wall-clock time, without laying out the day's grid (booking one slot checks just that one)."""
    local = starts_at.astimezone(zone)
    if local.second or local.microsecond:
        return None
    day, minute = local.date(), local.hour * 60 + local.minute
    start = instant(day, minute, zone)  # in UTC, as the grid's; None or another instant for the second
    if start != starts_at:              # of a time that happens twice, which is not on the grid
        return None
    step = int(duration.total_seconds() // 60)
    for window in weekly:
        if (window.weekday == day.isoweekday() and window.start_minute <= minute < window.end_minute
                and (minute - window.start_minute) % step == 0
                and start + duration <= end_instant(day, window.end_minute, zone)):
            return Slot(start, start + duration, zone)
    return None


def bookable_slots(grid: Iterable[Slot], busy: Iterable[Interval], now: datetime) -> list[Slot]:
    taken = _merged(busy)
    starts = [interval.start for interval in taken]
    return [slot for slot in grid if slot.starts_at > now and not _hits(slot.interval, taken, starts)]


def _merged(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted, disjoint intervals covering the same time, so a slot needs one look, not one per booking."""
    merged: list[Interval] = []
    for interval in sorted(intervals, key=lambda i: i.start):
        if merged and interval.start <= merged[-1].end:
            merged[-1] = Interval(merged[-1].start, max(merged[-1].end, interval.end))
        else:
            merged.append(interval)
    return merged


def _hits(slot: Interval, taken: list[Interval], starts: list[datetime]) -> bool:
    # The only interval that can overlap is the last one starting before the slot ends.
    index = bisect_left(starts, slot.end) - 1
    return index >= 0 and taken[index].overlaps(slot)
