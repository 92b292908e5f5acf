"""Carrying out a report's settlement. If the lesson was paid out already (delivered automatically,
then reported), what the refund needs is clawed back from the payout first, so that the provider ends
up paid for `provider_keeps` alone, as if only that had been paid out."""

from shared.events import DisputeSettled
from shared.unit_of_work import UnitOfWork
from wallet.clawbacks.clawback import claw_back
from wallet.ledger.booking_money import booking_money
from wallet.ledger.locks import lock_booking_money
from wallet.payouts.payout import pay_out
from wallet.refunds.refund import refund_from_escrow

_SETTLED_BY = {"full_refund_to_student": "with a full refund", "split": "with a split of the price"}


def settlement_reason(settled: DisputeSettled) -> str:
    how = _SETTLED_BY.get(settled.resolution, "")
    return f"The problem reported with the lesson was settled {how}; refunded as wallet credits.".replace("  ", " ")


async def settle_report(uow: UnitOfWork, marketplace_id: str, settled: DisputeSettled) -> None:
    session, booking_id, refund = uow.session, settled.booking_id, settled.refund
    await lock_booking_money(session, marketplace_id, booking_id)
    if refund.amount_minor:
        money = await booking_money(session, marketplace_id, booking_id, settled.report_id)
        if money.decision_refunded:
            return  # settled already: the same report again
        clawed_back = await claw_back(uow, money, keep_minor=settled.provider_keeps.amount_minor)
        await refund_from_escrow(uow, money.after_clawback(clawed_back), refund, settlement_reason(settled),
                                 settled.report_id, "credits", clawed_back=clawed_back)
    if settled.provider_keeps.amount_minor:
        # Once per booking: nothing more when the lesson was paid out before the report (pay_out knows).
        await pay_out(uow, marketplace_id, booking_id, settled.provider_id, settled.provider_keeps,
                      settled.platform_fee_bps)
