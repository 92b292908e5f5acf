from sqlalchemy import func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from wallet.card_refunds.models import LIVE, CardRefund
from wallet.refunds.models import Refund


async def card_refund(session: AsyncSession, marketplace_id: str, card_refund_id: str,
                      lock: bool = False) -> CardRefund | None:
    query = select(CardRefund).where(CardRefund.marketplace_id == marketplace_id, CardRefund.id == card_refund_id)
    if lock:  # and read it afresh: another request may have changed it since this session last saw it
        query = query.with_for_update().execution_options(populate_existing=True)
    return (await session.exec(query)).first()


async def card_refunds_of_booking(session: AsyncSession, marketplace_id: str, booking_id: str) -> list[CardRefund]:
    return list((await session.exec(select(CardRefund).where(
        CardRefund.marketplace_id == marketplace_id, CardRefund.booking_id == booking_id)
        .order_by(CardRefund.created_at))).all())


async def live_card_refund(session: AsyncSession, marketplace_id: str, booking_id: str) -> CardRefund | None:
    return (await session.exec(select(CardRefund).where(
        CardRefund.marketplace_id == marketplace_id, CardRefund.booking_id == booking_id,
        CardRefund.status.in_(LIVE)))).first()


async def refunded_to_card(session: AsyncSession, marketplace_id: str, booking_id: str) -> int:
    """Every refund of the booking to the card so far: staff's card refunds and cancellations' alike."""
    total = await session.exec(select(func.coalesce(func.sum(Refund.amount_minor), 0)).where(
        Refund.marketplace_id == marketplace_id, Refund.booking_id == booking_id, Refund.destination == "card"))
    return int(total.one())
