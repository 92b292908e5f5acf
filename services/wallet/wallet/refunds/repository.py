from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from wallet.refunds.models import Refund


async def refunds_of_booking(session: AsyncSession, marketplace_id: str, booking_id: str) -> list[Refund]:
    return list((await session.exec(select(Refund).where(
        Refund.marketplace_id == marketplace_id, Refund.booking_id == booking_id).order_by(Refund.created_at))).all())


async def refund_of_decision(session: AsyncSession, marketplace_id: str, booking_id: str,
                             decision_id: str) -> Refund | None:
    return (await session.exec(select(Refund).where(
        Refund.marketplace_id == marketplace_id, Refund.booking_id == booking_id,
        Refund.decision_id == decision_id))).first()
