"""Why a start time can or can't be booked, and which slot queries are answered."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from booking.availability.problems import SlotInPast, SlotNotOffered, SlotTaken, SlotUnavailable
from booking.availability.schedule import ProviderSchedule, query_window
from booking.availability.slots import Interval
from booking.availability.weekly_hours import WeeklyWindow
from shared.errors import Unprocessable

HOUR = timedelta(hours=1)
MONDAY_9_TO_12 = (WeeklyWindow(1, 9 * 60, 12 * 60),)
NOW = datetime(2026, 1, 1, tzinfo=UTC)


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 1, 5, hour, minute, tzinfo=UTC)  # a Monday; London is on UTC in January


def schedule(**busy) -> ProviderSchedule:
    return ProviderSchedule(ZoneInfo("Europe/London"), MONDAY_9_TO_12, **busy)


def test_a_slot_of_the_grid_is_bookable():
    slot = schedule().slot_at(at(10), HOUR, NOW)
    assert (slot.starts_at, slot.ends_at) == (at(10), at(11))


@pytest.mark.parametrize(("starts_at", "problem"), [
    (at(10, 30), SlotNotOffered), (at(12), SlotNotOffered), (datetime(2025, 12, 29, 10, tzinfo=UTC), SlotInPast)])
def test_a_time_off_the_grid_or_in_the_past_is_refused(starts_at, problem):
    with pytest.raises(problem):
        schedule().slot_at(starts_at, HOUR, NOW)


def test_blocked_time_is_unavailable_and_booked_time_is_taken():
    with pytest.raises(SlotUnavailable):
        schedule(blocked=(Interval(at(10, 30), at(10, 45)),)).slot_at(at(10), HOUR, NOW)
    with pytest.raises(SlotTaken):
        schedule(booked=(Interval(at(9, 30), at(10, 30)),)).slot_at(at(10), HOUR, NOW)


def test_a_booking_that_ends_as_the_slot_starts_does_not_overlap_it():
    assert schedule(booked=(Interval(at(9), at(10)),)).slot_at(at(10), HOUR, NOW)


@pytest.mark.rule("PL-5")
def test_slot_queries_are_limited_to_31_days_forwards():
    assert query_window(at(0), at(0) + timedelta(days=31))
    with pytest.raises(Unprocessable) as too_long:
        query_window(at(0), at(0) + timedelta(days=32))
    assert too_long.value.slug == "slot-range-too-long"
    with pytest.raises(Unprocessable) as backwards:
        query_window(at(1), at(0))
    assert backwards.value.slug == "invalid-slot-range"
