"""When a lesson's reminders fall due: each policy offset before its start, except those already
past (a "24 hours before" reminder is wrong three hours before)."""

from datetime import datetime, timedelta


def reminder_times(starts_at: datetime, offsets: tuple[timedelta, ...], now: datetime) -> list[tuple[int, datetime]]:
    """(offset in minutes, due time) of each reminder still ahead, earliest due first."""
    due = {round(offset.total_seconds() / 60): starts_at - offset for offset in offsets}
    return sorted(((minutes, at) for minutes, at in due.items() if at > now), key=lambda pair: pair[1])


def offset_words(minutes: int) -> str:
    if minutes % (24 * 60) == 0 and minutes >= 48 * 60:
        return f"{minutes // (24 * 60)} days"
    if minutes % 60 == 0:
        hours = minutes // 60
        return "1 hour" if hours == 1 else f"{hours} hours"
    return "1 minute" if minutes == 1 else f"{minutes} minutes"
