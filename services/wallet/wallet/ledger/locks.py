from sqlalchemy import func, select
from sqlmodel.ext.asyncio.session import AsyncSession


async def lock_booking_money(session: AsyncSession, marketplace_id: str, booking_id: str) -> None:
    """Make the capture, refund and payout of one booking take turns, across every replica, until the
    transaction ends: the second of two concurrent handlers then sees what the first did and does
    nothing twice. (The unique indexes on the journal stay the last line of defence.)"""
    key = func.hashtextextended(f"wallet-booking:{marketplace_id}:{booking_id}", 0)
    await session.exec(select(func.pg_advisory_xact_lock(key)))
