from dataclasses import dataclass

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from shared.database import driver_connection
from wallet.payments.models import Payment, PaymentStatus

_REQUEST_STATE = (
    "SELECT EXISTS (SELECT 1 FROM payments WHERE marketplace_id = $1 AND booking_id = $2) AS answered,"
    " EXISTS (SELECT 1 FROM released_bookings WHERE marketplace_id = $1 AND booking_id = $2) AS released"
)
_ADD_PAYMENT = (
    "INSERT INTO payments (id, marketplace_id, booking_id, student_id, provider_id, method, payment_method_id,"
    " amount_minor, currency, status, failure_code, failure_reason, charge_id, transaction_id, promo_code_id,"
    " promo_applied_minor) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)"
)


class NoCapturedPayment(Exception):
    """A refund or payout of a booking whose price the wallet never took: the saga is out of order
    or the event is wrong. Left to the consumer's retries, then the dead-letter queue."""


@dataclass(frozen=True)
class RequestState:
    answered: bool  # a payment (captured or failed) was recorded for the booking
    released: bool  # booking gave the booking up before the wallet answered


@dataclass(frozen=True)
class NewPayment:
    id: str
    marketplace_id: str
    booking_id: str
    student_id: str
    provider_id: str
    method: str
    payment_method_id: str | None
    amount_minor: int
    currency: str
    status: PaymentStatus
    failure_code: str | None = None
    failure_reason: str | None = None
    charge_id: str | None = None
    transaction_id: str | None = None
    promo_code_id: str | None = None
    promo_applied_minor: int = 0


async def request_state(session: AsyncSession, marketplace_id: str, booking_id: str) -> RequestState:
    row = await (await driver_connection(session)).fetchrow(_REQUEST_STATE, marketplace_id, booking_id)
    return RequestState(row["answered"], row["released"])


async def add_payment(session: AsyncSession, payment: NewPayment) -> None:
    await (await driver_connection(session)).execute(
        _ADD_PAYMENT, payment.id, payment.marketplace_id, payment.booking_id, payment.student_id, payment.provider_id,
        payment.method, payment.payment_method_id, payment.amount_minor, payment.currency, payment.status,
        payment.failure_code, payment.failure_reason, payment.charge_id, payment.transaction_id,
        payment.promo_code_id, payment.promo_applied_minor)


async def payment_of_booking(session: AsyncSession, marketplace_id: str, booking_id: str) -> Payment | None:
    return (await session.exec(select(Payment).where(
        Payment.marketplace_id == marketplace_id, Payment.booking_id == booking_id))).first()


async def captured_payment(session: AsyncSession, marketplace_id: str, booking_id: str) -> Payment:
    payment = await payment_of_booking(session, marketplace_id, booking_id)
    if payment is None or payment.status != PaymentStatus.CAPTURED:
        raise NoCapturedPayment(f"booking {booking_id} has no captured payment in marketplace {marketplace_id}")
    return payment
