"""Alternative providers staff attach to a cancelled initial session (CX-3): at most three, each
offering the same kind of lesson and bookable in the next 14 days; the student sees them."""

from datetime import datetime, timedelta

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from booking.availability.slots import Interval
from booking.availability.store import load_schedule
from booking.bookings.models import Booking
from booking.offerings.models import Offering
from booking.providers.models import Provider
from shared.errors import Unprocessable

MAX_ALTERNATIVES = 3
BOOKABLE_WITHIN = timedelta(days=14)


async def first_bookable(session: AsyncSession, provider: Provider, kind: str, now: datetime) -> datetime | None:
    """The provider's first free slot of an active offering of `kind` in the next 14 days."""
    if not provider.standing.bookable:
        return None
    offerings = await session.exec(select(Offering).where(
        Offering.marketplace_id == provider.marketplace_id, Offering.provider_id == provider.id,
        Offering.kind == kind, Offering.active))
    within, firsts = Interval(now, now + BOOKABLE_WITHIN), []
    for offering in offerings:
        duration = timedelta(minutes=offering.duration_minutes)
        schedule = await load_schedule(session, provider.marketplace_id, provider.id, provider.timezone, within,
                                       duration)
        slots = schedule.bookable(duration, within, now)
        firsts += [slots[0].starts_at] if slots else []
    return min(firsts, default=None)


async def candidates(session: AsyncSession, booking: Booking, now: datetime,
                     limit: int = 20) -> list[tuple[Provider, datetime]]:
    """Providers of the same kind of lesson, other than the booking's, with their first free slot."""
    providers = await session.exec(select(Provider).where(
        Provider.marketplace_id == booking.marketplace_id, Provider.id != booking.provider_id,
        col(Provider.lesson_kinds).contains([booking.kind])).order_by(Provider.id))
    found = []
    for provider in providers:
        if (first := await first_bookable(session, provider, booking.kind, now)) is not None:
            found.append((provider, first))
            if len(found) == limit:
                break
    return found


async def attached(session: AsyncSession, booking: Booking, provider_ids: list[str],
                   now: datetime) -> list[tuple[Provider, datetime | None]]:
    """The alternatives staff attached, as the student sees them: with their first free slot now."""
    providers = [await session.get(Provider, (booking.marketplace_id, provider_id)) for provider_id in provider_ids]
    return [(p, await first_bookable(session, p, booking.kind, now)) for p in providers if p is not None]


async def checked_alternatives(session: AsyncSession, booking: Booking, provider_ids: list[str],
                               now: datetime) -> list[str]:
    """`provider_ids` if each one qualifies; else a 422 naming the first that doesn't, and why."""
    for index, provider_id in enumerate(provider_ids):
        if why := await _why_not(session, booking, provider_id, now):
            field = f"alternative_provider_ids[{index}]"
            raise Unprocessable(f"{field}: {why}.", slug="invalid-alternative-provider",
                                errors=[{"field": field, "message": why, "code": "not_an_alternative"}])
    return provider_ids


async def _why_not(session: AsyncSession, booking: Booking, provider_id: str, now: datetime) -> str | None:
    provider = await session.get(Provider, (booking.marketplace_id, provider_id))
    if provider is None:
        return f"no provider '{provider_id}' here"
    if provider_id == booking.provider_id:
        return "this is the booking's own provider"
    if booking.kind not in provider.lesson_kinds:
        return f"offers no '{booking.kind}' lessons"
    if await first_bookable(session, provider, booking.kind, now) is None:
        return "has no free slot in the next 14 days"
    return None
