from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from wallet.payouts.models import Payout


async def payout_of_booking(session: AsyncSession, marketplace_id: str, booking_id: str) -> Payout | None:
    return (await session.exec(select(Payout).where(
        Payout.marketplace_id == marketplace_id, Payout.booking_id == booking_id))).first()
