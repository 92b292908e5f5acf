from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from booking.bookings.schemas import MissResolutionOut
from booking.providers.record import ProviderRecord
from booking.providers.standing import PausedBy, ProviderStatus, StandingChangeKind
from booking.providers.strikes import StrikeKind


class StandingOut(BaseModel):
    status: ProviderStatus
    paused_by: PausedBy | None


class MissOut(BaseModel):
    booking_id: str
    missed_at: datetime
    reported_by_role: Literal["student", "provider"]
    resolution: MissResolutionOut | None = Field(description="How it was resolved; null while unresolved")


class StrikeOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    kind: StrikeKind
    booking_id: str
    reason: str
    recorded_at: datetime


class StrikesOut(BaseModel):
    counts: dict[StrikeKind, int] = Field(description="All the provider's strikes, by kind")
    counting: int = Field(description="The strikes that count towards a suspension now (PS-1)")
    counting_since: datetime = Field(description="The window's start, or the last reinstatement when later")
    threshold: int
    window_days: int
    recent: list[StrikeOut]


class MarkOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    report_id: str
    booking_id: str
    resolution: str = Field(description="How the report ended (disputes' resolutions), e.g. refund or split")
    decided_by: str = Field(description="parties or staff")
    at: datetime


class MarksOut(BaseModel):
    count: int
    recent: list[MarkOut]


class StandingChangeOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    change: StandingChangeKind
    from_status: ProviderStatus
    to_status: ProviderStatus
    by: Literal["provider", "staff", "platform"] = Field(description="platform: a suspension past the strikes "
                                                                     "threshold")
    by_user: str | None
    reason: str | None
    at: datetime


class ProviderRecordOut(BaseModel):
    provider_id: str
    display_name: str
    standing: StandingOut
    miss_count: int
    misses: list[MissOut] = Field(description="The latest missed lessons, newest first")
    strikes: StrikesOut
    disputed_marks: MarksOut = Field(description="DS-2: reports that ended in anything but a reschedule")
    standing_history: list[StandingChangeOut] = Field(description="Newest first")

    @classmethod
    def of(cls, record: ProviderRecord) -> "ProviderRecordOut":
        provider = record.provider
        return cls(
            provider_id=provider.id, display_name=provider.display_name,
            standing=StandingOut(status=provider.status, paused_by=provider.paused_by),
            miss_count=record.miss_count,
            misses=[MissOut(booking_id=b.id, missed_at=b.missed_at, reported_by_role=b.missed_reported_by,
                            resolution=MissResolutionOut.of(b)) for b in record.misses],
            strikes=StrikesOut(counts=record.strike_counts, counting=record.counting,
                               counting_since=record.counting_since, threshold=record.threshold,
                               window_days=record.window_days,
                               recent=[StrikeOut.model_validate(s) for s in record.strikes]),
            disputed_marks=MarksOut(count=record.mark_count, recent=[MarkOut.model_validate(m) for m in record.marks]),
            standing_history=[StandingChangeOut.model_validate(c) for c in record.standing_history])
