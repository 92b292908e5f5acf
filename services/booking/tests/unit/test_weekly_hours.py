import pytest

from booking.availability.schemas import WeeklyHoursIn
from booking.availability.weekly_hours import WeeklyWindow, first_overlap, format_clock, parse_clock


@pytest.mark.parametrize(("text", "minutes"), [("00:00", 0), ("09:30", 570), ("24:00", 1440)])
def test_clock_times_parse_to_minutes_and_back(text, minutes):
    assert parse_clock(text) == minutes and format_clock(minutes) == text


@pytest.mark.parametrize("text", ["9:00", "24:01", "25:00", "12:60", "noon", ""])
def test_malformed_clock_times_are_refused(text):
    with pytest.raises(ValueError, match="HH:MM"):
        parse_clock(text)


def test_windows_must_start_before_they_end_on_an_iso_weekday():
    with pytest.raises(ValueError):
        WeeklyWindow(1, 600, 600)
    with pytest.raises(ValueError):
        WeeklyWindow(0, 0, 60)


def test_overlapping_windows_of_one_day_are_found_and_touching_ones_are_fine():
    assert first_overlap([WeeklyWindow(1, 540, 720), WeeklyWindow(1, 720, 780), WeeklyWindow(2, 540, 720)]) is None
    assert first_overlap([WeeklyWindow(3, 540, 720), WeeklyWindow(3, 700, 780)])


def test_the_request_body_names_the_window_and_the_problem():
    with pytest.raises(ValueError, match="overlap on weekday 3: 09:00-12:00 and 11:00-13:00"):
        WeeklyHoursIn.model_validate([{"weekday": 3, "start": "09:00", "end": "12:00"},
                                      {"weekday": 3, "start": "11:00", "end": "13:00"}])
    with pytest.raises(ValueError, match="must be before end"):
        WeeklyHoursIn.model_validate([{"weekday": 1, "start": "12:00", "end": "09:00"}])
