from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from wallet.payments.models import Payment, PaymentStatus


class NoCapturedPayment(Exception):
    """A refund or payout of a booking whose price the wallet never took: the saga is out of order
    or the event is wrong. Left to the consumer's retries, then the dead-letter queue."""


async def payment_of_booking(session: AsyncSession, marketplace_id: str, booking_id: str) -> Payment | None:
    return (await session.exec(select(Payment).where(
        Payment.marketplace_id == marketplace_id, Payment.booking_id == booking_id))).first()


async def captured_payment(session: AsyncSession, marketplace_id: str, booking_id: str) -> Payment:
    payment = await payment_of_booking(session, marketplace_id, booking_id)
    if payment is None or payment.status != PaymentStatus.CAPTURED:
        raise NoCapturedPayment(f"booking {booking_id} has no captured payment in marketplace {marketplace_id}")
    return payment
