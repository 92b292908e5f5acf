from sqlalchemy.dialects.postgresql import insert
from sqlmodel.ext.asyncio.session import AsyncSession

from shared.events import BookingReleased
from shared.unit_of_work import UnitOfWork
from wallet.ledger.locks import lock_booking_money
from wallet.payments.models import PaymentStatus
from wallet.payments.repository import payment_of_booking
from wallet.refunds.refund import refund_booking
from wallet.releases.models import ReleasedBooking

RELEASED_AFTER_PAYMENT = "The booking did not go through; the full price was refunded."


async def settle_released_booking(uow: UnitOfWork, marketplace_id: str, released: BookingReleased) -> None:
    await lock_booking_money(uow.session, marketplace_id, released.booking_id)
    payment = await payment_of_booking(uow.session, marketplace_id, released.booking_id)
    if payment is None:
        # Released before its payment was taken (a payment timeout on booking's side, say): remember it,
        # so the request, when it comes, takes nothing.
        await uow.session.exec(insert(ReleasedBooking).values(
            marketplace_id=marketplace_id, booking_id=released.booking_id, reason=released.reason[:300],
        ).on_conflict_do_nothing())
    elif payment.status == PaymentStatus.CAPTURED:
        # Taken while booking gave up on it: the student gets it all back.
        await refund_booking(uow, marketplace_id, released.booking_id, None, RELEASED_AFTER_PAYMENT)
    # A failed payment took nothing: nothing to give back.


async def was_released(session: AsyncSession, marketplace_id: str, booking_id: str) -> bool:
    return await session.get(ReleasedBooking, (marketplace_id, booking_id)) is not None
