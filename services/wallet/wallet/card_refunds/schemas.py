from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from shared.events import Money
from shared.events.money import amount_minor
from wallet.card_refunds.models import CardRefund, CardRefundStatus
from wallet.request_bodies import RequestBody

RefundMinor = amount_minor(minimum=1)


class CardRefundIn(RequestBody):
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"booking_id": "9b1f0c2d7e6a4b3c8d5e2f1a0b9c8d7e", "reason": "The lesson did not take place"},
        {"booking_id": "9b1f0c2d7e6a4b3c8d5e2f1a0b9c8d7e", "amount_minor": 1500,
         "reason": "Half of the lesson was lost to a broken connection"}]})

    booking_id: str = Field(min_length=1, max_length=100)
    # No upper bound of its own: it is never more than what is left to refund (AmountAboveRefundable).
    amount_minor: RefundMinor | None = Field(None, description="In the payment's currency; default: all "
                                                                     "of the card payment not yet refunded")
    reason: str = Field(min_length=1, max_length=250, description="Why; the student is shown it")


class CardRefundOut(BaseModel):
    id: str
    booking_id: str
    student_id: str
    amount: Money
    reason: str
    status: CardRefundStatus = Field(description="failed: retry it; refused: final")
    attempts: int
    failure_code: str | None
    failure_reason: str | None
    refund_id: str | None = Field(description="The refund in the booking's money, once succeeded")
    requested_by: str = Field(description="The staff member's user id")
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, row: CardRefund) -> "CardRefundOut":
        return cls(id=row.id, booking_id=row.booking_id, student_id=row.student_id,
                   amount=Money(amount_minor=row.amount_minor, currency=row.currency), reason=row.reason,
                   status=row.status, attempts=row.attempts, failure_code=row.failure_code,
                   failure_reason=row.failure_reason, refund_id=row.refund_id, requested_by=row.requested_by,
                   created_at=row.created_at, updated_at=row.updated_at)
