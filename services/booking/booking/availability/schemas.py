from datetime import datetime, timedelta
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, RootModel, model_validator

from booking.availability.weekly_hours import WeeklyWindow, first_overlap, format_clock, parse_clock
from shared.timestamps import Timestamp

_LONGEST_BLOCK = timedelta(days=366)


def _clock(text: str) -> str:
    parse_clock(text)
    return text


Clock = Annotated[str, AfterValidator(_clock)]


class WeeklyWindowIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    weekday: int = Field(ge=1, le=7, description="ISO weekday: 1 = Monday ... 7 = Sunday")
    start: Clock = Field(examples=["09:00"], description="HH:MM, wall-clock time in the provider's zone")
    end: Clock = Field(examples=["12:00"], description="HH:MM, after start; 24:00 is midnight at the day's end")

    @model_validator(mode="after")
    def _starts_before_it_ends(self) -> "WeeklyWindowIn":
        if parse_clock(self.start) >= parse_clock(self.end):
            raise ValueError(f"start {self.start} must be before end {self.end}")
        return self

    @property
    def window(self) -> WeeklyWindow:
        return WeeklyWindow(self.weekday, parse_clock(self.start), parse_clock(self.end))


class WeeklyHoursIn(RootModel[list[WeeklyWindowIn]]):
    model_config = ConfigDict(json_schema_extra={"examples": [
        [{"weekday": 1, "start": "09:00", "end": "12:00"}, {"weekday": 1, "start": "14:00", "end": "18:00"},
         {"weekday": 3, "start": "09:00", "end": "17:00"}]]})

    root: list[WeeklyWindowIn] = Field(max_length=100, description="Windows that do not overlap; an empty list "
                                                                  "takes no bookings")

    @model_validator(mode="after")
    def _no_overlaps(self) -> "WeeklyHoursIn":
        overlap = first_overlap(w.window for w in self.root)
        if overlap:
            a, b = (WeeklyWindowOut.of(w) for w in overlap)
            raise ValueError(f"windows overlap on weekday {a.weekday}: {a.start}-{a.end} and {b.start}-{b.end}")
        return self


class WeeklyWindowOut(BaseModel):
    weekday: int
    start: str
    end: str

    @classmethod
    def of(cls, window: WeeklyWindow) -> "WeeklyWindowOut":
        return cls(weekday=window.weekday, start=format_clock(window.start_minute),
                   end=format_clock(window.end_minute))


class AvailabilityOut(BaseModel):
    provider_id: str
    timezone: str
    weekly_hours: list[WeeklyWindowOut]


class BlockIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"starts_at": "2026-08-01T00:00:00+02:00", "ends_at": "2026-08-15T00:00:00+02:00", "reason": "Holidays"}]})

    starts_at: Timestamp
    ends_at: Timestamp = Field(description="After starts_at, at most a year later, and not past: a period that has "
                                           "ended blocks nothing")
    reason: str | None = Field(default=None, max_length=500)

    @model_validator(mode="after")
    def _a_period(self) -> "BlockIn":
        if not self.starts_at < self.ends_at <= self.starts_at + _LONGEST_BLOCK:
            raise ValueError("ends_at must be after starts_at, at most a year later")
        return self


class BlockOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    starts_at: datetime
    ends_at: datetime
    reason: str | None


class SlotOut(BaseModel):
    starts_at: datetime = Field(description="UTC")
    ends_at: datetime = Field(description="UTC")
    local_starts_at: datetime = Field(description="In the provider's zone, with its offset")
    local_ends_at: datetime


class SlotsOut(BaseModel):
    offering_id: str
    provider_id: str
    timezone: str
    bookable: bool = Field(description="false: the provider takes no bookings now (paused or suspended)")
    slots: list[SlotOut]
