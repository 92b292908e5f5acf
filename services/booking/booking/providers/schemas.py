from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from booking.providers.standing import PausedBy, ProviderStatus
from booking.providers.timezones import IanaTimezone

LessonKind = Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, min_length=1, max_length=50)]


class ProfileIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"display_name": "Ada Lovelace", "timezone": "Europe/Berlin", "lesson_kinds": ["guitar", "music theory"]}]})

    display_name: str = Field(min_length=1, max_length=200)
    timezone: IanaTimezone = Field(description="IANA name; weekly hours are in this zone")
    lesson_kinds: list[LessonKind] = Field(min_length=1, max_length=20,
                                           description="What the provider teaches, e.g. 'guitar'")


class StaffPauseIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"reason": "Three complaints this week; we are looking into them"}, {}]})

    reason: str | None = Field(default=None, min_length=1, max_length=500,
                               description="Why staff pause the provider; the provider is told")


class ProviderOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    display_name: str
    timezone: str
    lesson_kinds: list[str]
    status: ProviderStatus = Field(description="Only an active provider takes new bookings")
    paused_by: PausedBy | None = Field(description="Who paused the account: only staff lift a pause by staff")
    created_at: datetime
    updated_at: datetime
