"""Staff try a card refund again that failed (or whose answer was lost while pending), under the same
processor idempotency key: a refund the processor made but the wallet never recorded is found, not
made twice. Conditions are not checked again: they held when staff issued it."""

from shared.auth import Identity
from shared.unit_of_work import UnitOfWork
from wallet.card_refunds.models import CardRefund, CardRefundStatus
from wallet.card_refunds.problems import CardRefundNotFound, CardRefundRefused
from wallet.card_refunds.repository import card_refund
from wallet.ledger.locks import lock_booking_money


async def reopen_card_refund(uow: UnitOfWork, staff: Identity, card_refund_id: str) -> CardRefund:
    """The card refund, pending again for another attempt; as it is when it succeeded already."""
    session = uow.session
    found = await card_refund(session, staff.marketplace_id, card_refund_id)
    if found is None:
        raise CardRefundNotFound()
    await lock_booking_money(session, staff.marketplace_id, found.booking_id)
    row = await card_refund(session, staff.marketplace_id, card_refund_id, lock=True)
    if row.status == CardRefundStatus.REFUSED:
        raise CardRefundRefused(row.id)
    if row.status != CardRefundStatus.SUCCEEDED:
        row.move_to(CardRefundStatus.PENDING)
        row.attempts += 1
    await uow.commit()
    return row
