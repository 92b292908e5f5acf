from sqlmodel.ext.asyncio.session import AsyncSession

from shared.database import driver_connection

_LOCK = "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))"


async def lock_booking_money(session: AsyncSession, marketplace_id: str, booking_id: str) -> None:
    """Make the capture, refund and payout of one booking take turns, across every replica, until the
    transaction ends: the second of two concurrent handlers then sees what the first did and does
    nothing twice. (The unique indexes on the journal stay the last line of defence.)"""
    await (await driver_connection(session)).execute(_LOCK, f"wallet-booking:{marketplace_id}:{booking_id}")
