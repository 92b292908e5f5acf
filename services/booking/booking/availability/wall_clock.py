"""Wall-clock times in a provider's zone, as instants.

Weekly hours are wall-clock times ("09:00 on Mondays, Berlin"), so daylight-saving changes move
their UTC instant, never their local time. Python adds timedeltas to zone-aware datetimes in wall
time, so durations are added in UTC here, where an hour is always an hour.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

MINUTES_PER_DAY = 24 * 60


def instant(day: date, minute_of_day: int, zone: ZoneInfo) -> datetime | None:
    """The UTC instant of `minute_of_day` on `day` in `zone`; None when the clocks skip that time
    (the spring-forward gap). A time that happens twice (autumn) is its first occurrence."""
    wall = datetime.combine(day, time()) + timedelta(minutes=minute_of_day)
    local = wall.replace(tzinfo=zone)  # fold=0: the first of two occurrences
    utc = local.astimezone(UTC)
    if utc.astimezone(zone).replace(tzinfo=None) != wall:
        return None
    return utc


def end_instant(day: date, minute_of_day: int, zone: ZoneInfo) -> datetime:
    """Like `instant` for the end of a period: a skipped end time still ends the period, at the
    instant the clocks jumped past it."""
    wall = datetime.combine(day, time()) + timedelta(minutes=minute_of_day)
    return wall.replace(tzinfo=zone).astimezone(UTC)


def local_days(start: datetime, end: datetime, zone: ZoneInfo) -> list[date]:
    """Every local date in `zone` that the instants [start, end) touch."""
    first, last = start.astimezone(zone).date(), end.astimezone(zone).date()
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]
