"""A missed lesson refunded as credits: by the provider (RF-1, MS-2) or by the platform past the grace
period (MS-3). Once per booking, under the decision "miss"; from escrow, after clawing the payout back
into it if the lesson had been paid out (delivered automatically, then reported missed)."""

import structlog

from shared.events import MissResolved, Money
from shared.unit_of_work import UnitOfWork
from wallet.clawbacks.clawback import claw_back
from wallet.ledger.booking_money import booking_money
from wallet.ledger.locks import lock_booking_money
from wallet.missed_lessons.reasons import refund_reason
from wallet.refunds.refund import refund_from_escrow

log = structlog.get_logger(__name__)

MISS = "miss"


async def refund_missed_lesson(uow: UnitOfWork, marketplace_id: str, resolved: MissResolved) -> None:
    session, booking_id = uow.session, resolved.booking_id
    await lock_booking_money(session, marketplace_id, booking_id)
    money = await booking_money(session, marketplace_id, booking_id, MISS)
    if money.decision_refunded:
        return  # refunded already: the same resolution again
    clawed_back = await claw_back(uow, money)
    money = money.after_clawback(clawed_back)
    # What of the lesson is not refunded yet: normally the whole price.
    amount = min(resolved.amount.amount_minor, money.held_minor)
    if amount <= 0:
        # A normal race, not a fault: staff refunded it to the card (RF-2) before the miss was resolved.
        log.info("missed_lesson.nothing_left_to_refund", booking_id=booking_id, marketplace_id=marketplace_id)
        return
    await refund_from_escrow(uow, money, Money(amount_minor=amount, currency=resolved.amount.currency),
                             refund_reason(resolved), MISS, "credits", clawed_back=clawed_back)
