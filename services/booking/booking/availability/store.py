"""Loading and changing a provider's availability, scoped to their marketplace (PL-1)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from booking.availability.models import Block, WeeklyHours
from booking.availability.schedule import ProviderSchedule
from booking.availability.slots import Interval
from booking.availability.weekly_hours import WeeklyWindow
from booking.bookings.lifecycle import HOLDS_SLOT
from booking.bookings.models import Booking
from booking.providers.models import Provider
from shared.errors import NotFound


async def weekly_windows(session: AsyncSession, provider: Provider) -> list[WeeklyWindow]:
    rows = await session.exec(select(WeeklyHours).where(
        WeeklyHours.marketplace_id == provider.marketplace_id, WeeklyHours.provider_id == provider.id))
    return sorted(row.window for row in rows)


async def replace_weekly_windows(session: AsyncSession, provider: Provider, windows: list[WeeklyWindow]) -> None:
    await session.exec(delete(WeeklyHours).where(
        WeeklyHours.marketplace_id == provider.marketplace_id, WeeklyHours.provider_id == provider.id))
    session.add_all(WeeklyHours(marketplace_id=provider.marketplace_id, provider_id=provider.id, weekday=w.weekday,
                                start_minute=w.start_minute, end_minute=w.end_minute) for w in windows)


async def load_schedule(session: AsyncSession, provider: Provider, within: Interval,
                        longest_slot: timedelta, moving: str | None = None) -> ProviderSchedule:
    """What slot computation needs for slots starting within `within` (which end up to
    `longest_slot` later). `moving`: a booking about to move, whose own time doesn't count as taken."""
    reach = Interval(within.start, within.end + longest_slot)
    blocks = await session.exec(select(Block).where(
        Block.marketplace_id == provider.marketplace_id, Block.provider_id == provider.id,
        Block.starts_at < reach.end, Block.ends_at > reach.start))
    bookings = await session.exec(select(Booking.starts_at, Booking.ends_at).where(
        Booking.marketplace_id == provider.marketplace_id, Booking.provider_id == provider.id,
        Booking.status.in_(HOLDS_SLOT), Booking.starts_at < reach.end, Booking.ends_at > reach.start,
        Booking.id != moving))
    return ProviderSchedule(zone=ZoneInfo(provider.timezone), weekly=tuple(await weekly_windows(session, provider)),
                            blocked=tuple(b.interval for b in blocks),
                            booked=tuple(Interval(start, end) for start, end in bookings))


async def upcoming_blocks(session: AsyncSession, provider: Provider, now: datetime) -> list[Block]:
    return list(await session.exec(select(Block).where(
        Block.marketplace_id == provider.marketplace_id, Block.provider_id == provider.id, Block.ends_at > now,
    ).order_by(Block.starts_at)))


async def find_block(session: AsyncSession, provider: Provider, block_id: str) -> Block:
    block = (await session.exec(select(Block).where(
        Block.marketplace_id == provider.marketplace_id, Block.provider_id == provider.id, Block.id == block_id,
    ))).first()
    if block is None:
        raise NotFound(f"You have no blocked period '{block_id}'.", slug="block-not-found")
    return block
