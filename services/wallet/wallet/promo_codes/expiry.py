"""A promo code unused by its expiry (PC-1): the student never got the lesson, so its value goes back
to them as credits, and the code can no longer be used. Fired by the wallet's scheduler."""

from datetime import UTC, datetime

from shared.events import Money, PromoCodeExpired
from shared.timers import Timer, TimerRegistry
from shared.unit_of_work import UnitOfWork
from wallet.promo_codes.give_back import EXPIRED, give_back_to_credits
from wallet.promo_codes.models import PromoCodeStatus
from wallet.promo_codes.repository import locked_promo_code

EXPIRY = "wallet.promo_code_expiry"
timers = TimerRegistry()


@timers.on(EXPIRY)
async def expire_promo_code(timer: Timer, uow: UnitOfWork) -> None:
    promo = await locked_promo_code(uow.session, timer.key)
    if promo is None or promo.status != PromoCodeStatus.ACTIVE:
        return  # used meanwhile (its timer is cancelled then; this is the race's loser)
    value = Money(amount_minor=promo.value_minor, currency=promo.currency)
    reason = f"Your promo code {promo.code} expired unused; its value was refunded as wallet credits."
    promo.status, promo.expired_at = PromoCodeStatus.EXPIRED, datetime.now(UTC)
    uow.session.add(promo)
    uow.emit(PromoCodeExpired(promo_code_id=promo.id, code=promo.code, booking_id=promo.missed_booking_id,
                              student_id=promo.student_id, provider_id=promo.provider_id, value=value),
             marketplace=promo.marketplace_id, subject=f"booking/{promo.missed_booking_id}")
    await give_back_to_credits(uow, promo, promo.value_minor, EXPIRED, reason)  # its refund_issued follows
