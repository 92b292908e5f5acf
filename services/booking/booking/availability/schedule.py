"""One provider's time as slot computation sees it: weekly hours in their zone, blocked and booked
periods. Pure, so the rules about which times are bookable are tested without a database."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from booking.availability.problems import SlotInPast, SlotNotOffered, SlotTaken, SlotUnavailable
from booking.availability.slots import Interval, Slot, bookable_slots, grid_slots, slot_starting
from booking.availability.weekly_hours import WeeklyWindow
from shared.errors import Unprocessable

# A bigger range is a crawl, not a calendar view: page through months instead.
MAX_QUERY_RANGE = timedelta(days=31)


@dataclass(frozen=True)
class ProviderSchedule:
    zone: ZoneInfo
    weekly: tuple[WeeklyWindow, ...]
    blocked: tuple[Interval, ...] = ()
    booked: tuple[Interval, ...] = ()

    def bookable(self, duration: timedelta, within: Interval, now: datetime) -> list[Slot]:
        grid = grid_slots(self.weekly, self.zone, duration, within)
        return bookable_slots(grid, (*self.blocked, *self.booked), now)

    def slot_at(self, starts_at: datetime, duration: timedelta, now: datetime) -> Slot:
        """The slot starting at `starts_at`, or the problem that stops it being booked."""
        if starts_at <= now:
            raise SlotInPast()
        slot = slot_starting(self.weekly, self.zone, duration, starts_at)
        if slot is None:
            raise SlotNotOffered()
        if any(slot.interval.overlaps(b) for b in self.blocked):
            raise SlotUnavailable()
        if any(slot.interval.overlaps(b) for b in self.booked):
            raise SlotTaken()
        return slot


def query_window(start: datetime, end: datetime) -> Interval:
    """The range a slot query asks for, if it is one we answer."""
    if end <= start:
        raise Unprocessable("'to' must be after 'from'.", slug="invalid-slot-range",
                            errors=[{"field": "query.to", "message": "must be after 'from'", "code": "range"}])
    if end - start > MAX_QUERY_RANGE:
        message = f"Ask for at most {MAX_QUERY_RANGE.days} days of slots at a time."
        raise Unprocessable(message, slug="slot-range-too-long",
                            errors=[{"field": "query.to", "message": message, "code": "range_too_long"}])
    return Interval(start, end)
