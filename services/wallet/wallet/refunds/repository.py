from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from wallet.refunds.models import Refund


async def refund_of_booking(session: AsyncSession, marketplace_id: str, booking_id: str) -> Refund | None:
    return (await session.exec(select(Refund).where(
        Refund.marketplace_id == marketplace_id, Refund.booking_id == booking_id))).first()
