from dataclasses import dataclass

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from shared.database import driver_connection
from wallet.refunds.models import Refund

_ADD_REFUND = (
    "INSERT INTO refunds (id, marketplace_id, booking_id, decision_id, payment_id, student_id, amount_minor,"
    " currency, destination, processor_refund_id, reason, transaction_id)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
)


@dataclass(frozen=True)
class NewRefund:
    id: str
    marketplace_id: str
    booking_id: str
    decision_id: str
    payment_id: str
    student_id: str
    amount_minor: int
    currency: str
    destination: str
    processor_refund_id: str | None
    reason: str
    transaction_id: str


async def add_refund(session: AsyncSession, refund: NewRefund) -> None:
    await (await driver_connection(session)).execute(
        _ADD_REFUND, refund.id, refund.marketplace_id, refund.booking_id, refund.decision_id, refund.payment_id,
        refund.student_id, refund.amount_minor, refund.currency, refund.destination, refund.processor_refund_id,
        refund.reason, refund.transaction_id)


async def refunds_of_booking(session: AsyncSession, marketplace_id: str, booking_id: str) -> list[Refund]:
    return list((await session.exec(select(Refund).where(
        Refund.marketplace_id == marketplace_id, Refund.booking_id == booking_id).order_by(Refund.created_at))).all())
