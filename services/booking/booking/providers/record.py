"""PS-2: what a provider's record is made of, read from booking's own tables: their missed lessons and
how each was resolved, their strikes (cancellations they caused, rearrangements, unresolved misses),
their disputed marks (DS-2), and the history of their standing. Lists are newest first, the latest
RECENT of each; the counts are of all."""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from booking.bookings.models import Booking
from booking.clock import utcnow
from booking.marketplaces.lookup import policy_of, require_marketplace
from booking.providers.models import DisputedMark, Provider, ProviderStrike, StandingChange
from booking.providers.strike_count import counting_since

RECENT = 100


@dataclass(frozen=True)
class ProviderRecord:
    provider: Provider
    misses: list[Booking]
    miss_count: int
    strikes: list[ProviderStrike]
    strike_counts: dict[str, int]
    counting_since: datetime
    counting: int
    threshold: int
    window_days: int
    marks: list[DisputedMark]
    mark_count: int
    standing_history: list[StandingChange]


async def provider_record(session: AsyncSession, provider: Provider) -> ProviderRecord:
    mine = {"marketplace_id": provider.marketplace_id, "provider_id": provider.id}
    terms = policy_of(await require_marketplace(session, provider.marketplace_id)).terms
    since = counting_since(utcnow(), terms.strikes_window_days, provider.strikes_reset_at)
    missed = select(Booking).filter_by(**mine).where(Booking.missed_report_id.is_not(None))
    strikes = list(await session.exec(
        select(ProviderStrike).filter_by(**mine).order_by(ProviderStrike.recorded_at.desc())))
    marks = select(DisputedMark).filter_by(**mine)
    return ProviderRecord(
        provider=provider,
        misses=list(await session.exec(missed.order_by(Booking.missed_at.desc()).limit(RECENT))),
        miss_count=await _count(session, missed),
        strikes=strikes[:RECENT], strike_counts=dict(Counter(s.kind for s in strikes)),
        counting_since=since, counting=sum(s.recorded_at >= since for s in strikes),
        threshold=terms.strikes_threshold, window_days=terms.strikes_window_days,
        marks=list(await session.exec(marks.order_by(DisputedMark.at.desc()).limit(RECENT))),
        mark_count=await _count(session, marks),
        standing_history=list(await session.exec(
            select(StandingChange).filter_by(**mine).order_by(StandingChange.at.desc()).limit(RECENT))))


async def _count(session: AsyncSession, query) -> int:
    return (await session.exec(select(func.count()).select_from(query.subquery()))).one()
