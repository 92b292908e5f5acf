"""Staff refund a lesson to its card (RF-2, DS-4); staff and the student concerned read them."""

from fastapi import APIRouter, Query

from shared.auth import CurrentIdentity, Identity, Role, StaffIdentity
from shared.http import UoW
from shared.pagination import Page
from wallet.card_refunds.models import CardRefund, CardRefundStatus
from wallet.card_refunds.problems import CardRefundNotFound, processor_failure
from wallet.card_refunds.processing import attempt_refund
from wallet.card_refunds.repository import card_refund, card_refunds_of_booking
from wallet.card_refunds.requesting import open_card_refund
from wallet.card_refunds.retrying import reopen_card_refund
from wallet.card_refunds.schemas import CardRefundIn, CardRefundOut

router = APIRouter(prefix="/v1/card-refunds", tags=["card refunds"])

REFUSALS = {
    403: {"description": "Not staff"},
    404: {"description": "No captured payment of this booking in the caller's marketplace"},
    409: {"description": "A condition failed (not-paid-by-card, card-refund-window-closed, "
                         "student-has-not-contacted-provider, nothing-left-to-refund) or the booking has a card "
                         "refund already (card-refund-exists: retry that one)"},
    422: {"description": "amount-above-refundable, or the processor refused the refund (card-refund-declined)"},
    502: {"description": "The processor did not answer (card-refund-processor-unavailable): retry it"},
}


@router.post("", status_code=201, responses=REFUSALS,
             summary="Staff: refund a lesson to the card that paid for it")
async def create_card_refund(body: CardRefundIn, staff: StaffIdentity, uow: UoW) -> CardRefundOut:
    pending = await open_card_refund(uow, staff, body.booking_id, body.amount_minor, body.reason)
    return _answer(await attempt_refund(uow, pending))


@router.post("/{card_refund_id}/retry", responses=REFUSALS,
             summary="Staff: try a failed card refund again, under the same processor idempotency key")
async def retry_card_refund(card_refund_id: str, staff: StaffIdentity, uow: UoW) -> CardRefundOut:
    row = await reopen_card_refund(uow, staff, card_refund_id)
    if row.status == CardRefundStatus.SUCCEEDED:
        return CardRefundOut.of(row)
    return _answer(await attempt_refund(uow, row))


@router.get("", summary="The card refunds of a booking (staff; the student their own)")
async def list_card_refunds(identity: CurrentIdentity, uow: UoW,
                            booking_id: str = Query(max_length=100)) -> Page[CardRefundOut]:
    rows = await card_refunds_of_booking(uow.session, identity.marketplace_id, booking_id)
    return Page(items=[CardRefundOut.of(row) for row in rows if _may_see(identity, row)])


@router.get("/{card_refund_id}", responses={404: {"description": "No such card refund the caller may see"}},
            summary="One card refund (staff; the student their own)")
async def get_card_refund(card_refund_id: str, identity: CurrentIdentity, uow: UoW) -> CardRefundOut:
    row = await card_refund(uow.session, identity.marketplace_id, card_refund_id)
    if row is None or not _may_see(identity, row):
        raise CardRefundNotFound()  # someone else's is answered like one that doesn't exist (PL-2)
    return CardRefundOut.of(row)


def _may_see(identity: Identity, row: CardRefund) -> bool:
    return identity.role is Role.STAFF or (identity.role is Role.STUDENT and row.student_id == identity.user_id)


def _answer(row: CardRefund) -> CardRefundOut:
    if row.status in (CardRefundStatus.FAILED, CardRefundStatus.REFUSED):
        raise processor_failure(row.id, row.failure_code, row.failure_reason,
                                temporary=row.status == CardRefundStatus.FAILED)
    return CardRefundOut.of(row)
