from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Index, text
from sqlmodel import Field

from wallet.columns import (
    ID_LENGTH,
    USER_LENGTH,
    created_at_field,
    currency_field,
    id_field,
    marketplace_field,
    minor_units,
)
from wallet.db import Base


class CardRefundStatus(StrEnum):
    PENDING = "pending"        # written, the processor not (yet) known to have answered
    SUCCEEDED = "succeeded"    # refunded at the processor and in the ledger
    FAILED = "failed"          # a temporary processor failure: nothing moved; retry with the same key
    REFUSED = "refused"        # the processor refused it for good: nothing moved; final


# At most one of these per booking (RF-3): a card refund is retried, never issued beside another.
LIVE = (CardRefundStatus.PENDING, CardRefundStatus.FAILED, CardRefundStatus.SUCCEEDED)
_LIVE = ", ".join(f"'{status}'" for status in LIVE)
_ALL = ", ".join(f"'{status}'" for status in CardRefundStatus)


class CardRefund(Base, table=True):
    __tablename__ = "card_refunds"
    __table_args__ = (
        Index("uq_card_refunds_one_live_per_booking", "marketplace_id", "booking_id", unique=True,
              postgresql_where=text(f"status IN ({_LIVE})")),
        CheckConstraint(f"status IN ({_ALL})", name="status"),
        CheckConstraint("amount_minor > 0", name="positive"),
        CheckConstraint("(status = 'succeeded') = (refund_id IS NOT NULL)", name="succeeded_has_refund"),
    )

    id: str = id_field()
    marketplace_id: str = marketplace_field()
    booking_id: str = Field(max_length=100)
    payment_id: str = Field(max_length=ID_LENGTH, foreign_key="payments.id")
    student_id: str = Field(max_length=USER_LENGTH)
    amount_minor: int = minor_units()
    currency: str = currency_field()
    reason: str = Field(max_length=300)
    requested_by: str = Field(max_length=USER_LENGTH)  # the staff member
    status: str = Field(max_length=10)
    attempts: int = 0
    failure_code: str | None = Field(default=None, max_length=40)
    failure_reason: str | None = Field(default=None, max_length=300)
    processor_refund_id: str | None = Field(default=None, max_length=100)
    refund_id: str | None = Field(default=None, max_length=ID_LENGTH, foreign_key="refunds.id")
    created_at: datetime = created_at_field()
    updated_at: datetime = created_at_field()

    def move_to(self, status: CardRefundStatus) -> None:
        # Set here, not by the database, so the object stays readable after commit without a reload.
        self.status, self.updated_at = status, datetime.now(UTC)

    @property
    def processor_key(self) -> str:
        """The processor's idempotency key: the same for every attempt of this card refund."""
        return f"card-refund:{self.id}"
