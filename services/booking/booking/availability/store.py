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
from booking.providers.models import Provider
from shared.database import driver_connection
from shared.errors import NotFound

_HOLDING = ", ".join(f"'{status}'" for status in sorted(HOLDS_SLOT))


async def weekly_windows(session: AsyncSession, provider: Provider) -> list[WeeklyWindow]:
    rows = await session.exec(select(WeeklyHours).where(
        WeeklyHours.marketplace_id == provider.marketplace_id, WeeklyHours.provider_id == provider.id))
    return sorted(row.window for row in rows)


async def replace_weekly_windows(session: AsyncSession, provider: Provider, windows: list[WeeklyWindow]) -> None:
    await session.exec(delete(WeeklyHours).where(
        WeeklyHours.marketplace_id == provider.marketplace_id, WeeklyHours.provider_id == provider.id))
    session.add_all(WeeklyHours(marketplace_id=provider.marketplace_id, provider_id=provider.id, weekday=w.weekday,
                                start_minute=w.start_minute, end_minute=w.end_minute) for w in windows)


# The weekly hours; the blocks, and (when $6) the bookings holding the provider's time, that overlap
# [$3, $4); the booking $5 aside. The bookings' condition is the exclusion constraint's own, so their
# lookup is that constraint's index: only the overlapping bookings are read, however many the provider has.
_SCHEDULE = f"""
    SELECT ARRAY(SELECT (weekday, start_minute, end_minute) FROM weekly_hours
                 WHERE marketplace_id = $1 AND provider_id = $2
                 ORDER BY weekday, start_minute, end_minute) AS weekly,
           ARRAY(SELECT (starts_at, ends_at) FROM blocks
                 WHERE marketplace_id = $1 AND provider_id = $2 AND starts_at < $4 AND ends_at > $3) AS blocked,
           ARRAY(SELECT (starts_at, ends_at) FROM bookings
                 WHERE $6 AND marketplace_id = $1 AND provider_id = $2 AND status IN ({_HOLDING})
                   AND tstzrange(starts_at, ends_at, '[)') && tstzrange($3, $4, '[)')
                   AND id IS DISTINCT FROM $5) AS booked"""


async def load_schedule(session: AsyncSession, marketplace_id: str, provider_id: str, timezone: str,
                        within: Interval, longest_slot: timedelta, *, moving: str | None = None,
                        booked: bool = True) -> ProviderSchedule:
    """What slot computation needs for slots starting within `within` (which end up to
    `longest_slot` later). `moving`: a booking about to move, whose own time doesn't count as taken.
    `booked=False`: without the bookings, for a caller whose write the exclusion constraint decides."""
    reach = Interval(within.start, within.end + longest_slot)
    conn = await driver_connection(session)
    row = await conn.fetchrow(_SCHEDULE, marketplace_id, provider_id, reach.start, reach.end, moving, booked)
    return ProviderSchedule(zone=ZoneInfo(timezone), weekly=tuple(WeeklyWindow(*w) for w in row["weekly"]),
                            blocked=tuple(Interval(*b) for b in row["blocked"]),
                            booked=tuple(Interval(*b) for b in row["booked"]))


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
