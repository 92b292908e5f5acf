from sqlalchemy.dialects.postgresql import insert

from shared.events import BookingReleased
from shared.unit_of_work import UnitOfWork
from wallet.ledger.booking_money import booking_money
from wallet.ledger.locks import lock_booking_money
from wallet.payments.models import PaymentStatus
from wallet.refunds.refund import FULL, refund_from_escrow
from wallet.releases.models import ReleasedBooking

RELEASED_AFTER_PAYMENT = "The booking did not go through; the full price was refunded."


async def settle_released_booking(uow: UnitOfWork, marketplace_id: str, released: BookingReleased) -> None:
    await lock_booking_money(uow.session, marketplace_id, released.booking_id)
    money = await booking_money(uow.session, marketplace_id, released.booking_id, FULL)
    if money.payment is None:
        # Released before its payment was taken (a payment timeout on booking's side, say): remember it,
        # so the request, when it comes, takes nothing.
        await uow.session.exec(insert(ReleasedBooking).values(
            marketplace_id=marketplace_id, booking_id=released.booking_id, reason=released.reason[:300],
        ).on_conflict_do_nothing())
    elif money.payment.status == PaymentStatus.CAPTURED and not money.decision_refunded:
        # Taken while booking gave up on it: the student gets it all back.
        await refund_from_escrow(uow, money, None, RELEASED_AFTER_PAYMENT, FULL)
    # A failed payment took nothing: nothing to give back.
