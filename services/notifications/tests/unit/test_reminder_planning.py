from datetime import UTC, datetime, timedelta

from notifications.reminders.planning import offset_words, reminder_times

START = datetime(2026, 3, 29, 9, 0, tzinfo=UTC)
POLICY = (timedelta(hours=24), timedelta(hours=1))


def test_each_offset_before_the_start_earliest_first():
    assert reminder_times(START, POLICY, START - timedelta(days=3)) == [
        (1440, START - timedelta(hours=24)), (60, START - timedelta(hours=1))]


def test_a_reminder_already_past_when_planned_is_left_out():
    assert reminder_times(START, POLICY, START - timedelta(hours=3)) == [(60, START - timedelta(hours=1))]
    assert reminder_times(START, POLICY, START - timedelta(minutes=30)) == []


def test_no_offsets_no_reminders():
    assert reminder_times(START, (), START - timedelta(days=1)) == []


def test_offsets_read_as_people_say_them():
    assert [offset_words(m) for m in (1, 30, 60, 120, 1440, 2880)] == [
        "1 minute", "30 minutes", "1 hour", "2 hours", "24 hours", "2 days"]
