"""Where a booking's money stands: taken or refused, refunded, paid out. For the booking's page and timeline."""

from datetime import datetime
from typing import Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from shared.auth import CurrentIdentity, Identity, Role
from shared.events import Money
from shared.http import UoW
from shared.pagination import Page
from wallet.missed_lessons.models import MissedLesson
from wallet.missed_lessons.projection import missed_lesson
from wallet.payments.models import Payment, PaymentStatus
from wallet.payments.repository import payment_of_booking
from wallet.payouts.models import Payout
from wallet.payouts.repository import payout_of_booking
from wallet.refunds.models import Refund
from wallet.refunds.repository import refunds_of_booking

router = APIRouter(prefix="/v1/payments", tags=["payments"])


class RefundOut(BaseModel):
    id: str
    amount: Money
    destination: Literal["credits", "card"]
    reason: str
    created_at: datetime

    @classmethod
    def of(cls, refund: Refund) -> "RefundOut":
        return cls(id=refund.id, amount=Money(amount_minor=refund.amount_minor, currency=refund.currency),
                   destination=refund.destination, reason=refund.reason, created_at=refund.created_at)


class PayoutOut(BaseModel):
    id: str
    gross: Money
    fee: Money
    net: Money
    created_at: datetime

    @classmethod
    def of(cls, payout: Payout) -> "PayoutOut":
        def money(amount: int) -> Money:
            return Money(amount_minor=amount, currency=payout.currency)

        return cls(id=payout.id, gross=money(payout.gross_minor), fee=money(payout.fee_minor),
                   net=money(payout.net_minor), created_at=payout.created_at)


class MissedOut(BaseModel):
    """The lesson did not take place: the provider was reported absent (MS-1)."""

    report_id: str
    price: Money
    missed_at: datetime

    @classmethod
    def of(cls, missed: MissedLesson) -> "MissedOut":
        return cls(report_id=missed.report_id, price=Money(amount_minor=missed.price_minor, currency=missed.currency),
                   missed_at=missed.missed_at)


class PaymentOut(BaseModel):
    id: str
    booking_id: str
    status: PaymentStatus
    method: Literal["credits", "card", "promo_code"] = Field(description="promo_code: a promo code paid it all")
    amount: Money
    failure_code: str | None
    failure_reason: str | None
    created_at: datetime
    refund: RefundOut | None = Field(description="The first refund (kept for clients of before `refunds`)")
    refunds: list[RefundOut] = Field(description="Every refund, oldest first: a cancellation's, then exceptions")
    payout: PayoutOut | None
    promo_code_id: str | None = Field(None, description="The promo code that paid (part of) it (PC-2)")
    promo_applied: Money | None = Field(None, description="What the promo code paid of the price")
    missed: MissedOut | None = Field(None, description="Set when the lesson was reported missed")


def _may_see(identity: Identity, payment: Payment) -> bool:
    return (identity.role is Role.STAFF or (identity.role is Role.STUDENT and payment.student_id == identity.user_id)
            or (identity.role is Role.PROVIDER and payment.provider_id == identity.user_id))


@router.get("", summary="The payment of a booking, with its refunds and payout; empty when none the caller may see")
async def list_payments(identity: CurrentIdentity, uow: UoW,
                        booking_id: str = Query(max_length=100)) -> Page[PaymentOut]:
    session, marketplace_id = uow.session, identity.marketplace_id
    payment = await payment_of_booking(session, marketplace_id, booking_id)
    if payment is None or not _may_see(identity, payment):
        return Page(items=[])
    refunds = [RefundOut.of(refund) for refund in await refunds_of_booking(session, marketplace_id, booking_id)]
    payout = await payout_of_booking(session, marketplace_id, booking_id)
    missed = await missed_lesson(session, marketplace_id, booking_id)
    return Page(items=[PaymentOut(
        id=payment.id, booking_id=booking_id, status=payment.status, method=payment.method,
        amount=Money(amount_minor=payment.amount_minor, currency=payment.currency),
        failure_code=payment.failure_code, failure_reason=payment.failure_reason, created_at=payment.created_at,
        refund=refunds[0] if refunds else None, refunds=refunds, payout=PayoutOut.of(payout) if payout else None,
        promo_code_id=payment.promo_code_id, missed=MissedOut.of(missed) if missed else None,
        promo_applied=Money(amount_minor=payment.promo_applied_minor, currency=payment.currency)
        if payment.promo_code_id else None,
    )])
