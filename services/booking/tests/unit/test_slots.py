"""Slot computation across time zones and daylight-saving changes, without I/O."""

from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest

from booking.availability.slots import Interval, bookable_slots, grid_slots
from booking.availability.wall_clock import instant
from booking.availability.weekly_hours import WeeklyWindow

BERLIN = ZoneInfo("Europe/Berlin")
HOUR = timedelta(hours=1)
EVERY_DAY_9_TO_12 = [WeeklyWindow(day, 9 * 60, 12 * 60) for day in range(1, 8)]


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def local_starts(slots) -> list[str]:
    return [s.local_starts_at.strftime("%a %H:%M %z") for s in slots]


def test_slots_lie_on_the_duration_grid_from_the_window_start_and_end_by_its_end():
    monday = Interval(utc(2026, 1, 5), utc(2026, 1, 6))
    slots = grid_slots([WeeklyWindow(1, 9 * 60, 12 * 60)], BERLIN, timedelta(minutes=45), monday)
    assert local_starts(slots) == ["Mon 09:00 +0100", "Mon 09:45 +0100", "Mon 10:30 +0100", "Mon 11:15 +0100"]
    assert slots[-1].local_ends_at.strftime("%H:%M") == "12:00"


@pytest.mark.rule("BK-4")
@pytest.mark.parametrize("sunday", [date(2026, 3, 29), date(2026, 10, 25)], ids=["spring-forward", "fall-back"])
def test_weekly_hours_stay_at_their_local_time_across_a_daylight_saving_change(sunday):
    saturday_utc = datetime.combine(sunday - timedelta(days=1), datetime.min.time(), UTC)
    around = Interval(saturday_utc, saturday_utc + timedelta(days=3))
    slots = grid_slots(EVERY_DAY_9_TO_12, BERLIN, HOUR, around)
    by_day = {}
    for slot in slots:
        by_day.setdefault(slot.local_starts_at.date(), []).append(slot.local_starts_at.strftime("%H:%M"))
    assert all(times == ["09:00", "10:00", "11:00"] for times in by_day.values()) and len(by_day) == 3
    before, after = slots[0].starts_at, slots[-3].starts_at
    assert before.hour != after.hour, "the UTC hour moves with the offset, the local hour doesn't"


def test_a_time_the_clocks_skip_is_no_slot_and_a_repeated_one_is_offered_once():
    night = [WeeklyWindow(7, 1 * 60, 4 * 60)]  # Sundays 01:00-04:00
    spring = grid_slots(night, BERLIN, HOUR, Interval(utc(2026, 3, 28, 12), utc(2026, 3, 29, 12)))
    assert local_starts(spring) == ["Sun 01:00 +0100", "Sun 03:00 +0200"]  # 02:00 doesn't exist that night
    autumn = grid_slots(night, BERLIN, HOUR, Interval(utc(2026, 10, 24, 12), utc(2026, 10, 25, 12)))
    assert local_starts(autumn) == ["Sun 01:00 +0200", "Sun 02:00 +0200", "Sun 03:00 +0100"]
    assert all(a.ends_at <= b.starts_at for a, b in pairwise(autumn))


def test_wall_clock_instants_in_other_zones():
    assert instant(date(2026, 7, 1), 9 * 60, ZoneInfo("America/New_York")) == utc(2026, 7, 1, 13)
    assert instant(date(2026, 7, 1), 9 * 60, ZoneInfo("Asia/Kolkata")) == utc(2026, 7, 1, 3, 30)
    assert instant(date(2026, 3, 8), 2 * 60 + 30, ZoneInfo("America/New_York")) is None


def test_a_window_in_a_zone_ahead_of_utc_is_found_from_a_utc_range():
    # Tokyo's Monday 08:00 is Sunday 23:00 UTC: a range starting on Sunday in UTC must see it.
    slots = grid_slots([WeeklyWindow(1, 8 * 60, 9 * 60)], ZoneInfo("Asia/Tokyo"), HOUR,
                       Interval(utc(2026, 1, 4, 20), utc(2026, 1, 5)))
    assert [s.starts_at for s in slots] == [utc(2026, 1, 4, 23)]


@pytest.mark.rule("BK-4")
def test_blocked_booked_and_past_time_is_not_offered():
    week = Interval(utc(2026, 1, 5), utc(2026, 1, 12))
    grid = grid_slots(EVERY_DAY_9_TO_12, BERLIN, HOUR, week)
    now = utc(2026, 1, 5, 8, 30)  # Monday 09:30 Berlin: the 09:00 slot has started, 10:00 not yet
    blocked = Interval(utc(2026, 1, 6, 8), utc(2026, 1, 6, 9, 30))  # Tue 09:00-10:30: two slots
    booked = Interval(utc(2026, 1, 7, 9), utc(2026, 1, 7, 10))  # Wed 10:00
    left = bookable_slots(grid, [booked, blocked], now)
    assert len(grid) == 21 and len(left) == 21 - 1 - 2 - 1
    assert {s.starts_at for s in left}.isdisjoint({utc(2026, 1, 5, 8), utc(2026, 1, 6, 8), utc(2026, 1, 6, 9),
                                                   utc(2026, 1, 7, 9)})


def test_a_slot_starting_right_now_is_no_longer_offered():
    grid = grid_slots(EVERY_DAY_9_TO_12, BERLIN, HOUR, Interval(utc(2026, 1, 5), utc(2026, 1, 6)))
    assert [s.local_starts_at.hour for s in bookable_slots(grid, [], utc(2026, 1, 5, 9))] == [11]


def test_slots_start_within_the_range_asked_for():
    slots = grid_slots(EVERY_DAY_9_TO_12, BERLIN, HOUR, Interval(utc(2026, 1, 5, 8, 30), utc(2026, 1, 5, 10)))
    assert [s.starts_at for s in slots] == [utc(2026, 1, 5, 9)]
