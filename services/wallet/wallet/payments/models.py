from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, UniqueConstraint
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


class PaymentStatus(StrEnum):
    CAPTURED = "captured"
    FAILED = "failed"


class Payment(Base, table=True):
    """The wallet's answer to one booking request: captured (with its ledger transaction) or failed
    (with the reason the student was shown). One per booking, so a repeated request is answered once."""

    __tablename__ = "payments"
    __table_args__ = (
        UniqueConstraint("marketplace_id", "booking_id", name="uq_payments_booking"),
        CheckConstraint("status IN ('captured', 'failed')", name="status"),
        # promo_code: a promo code paid it all; a code that paid part of it is in promo_code_id (PC-2).
        CheckConstraint("method IN ('credits', 'card', 'promo_code')", name="method"),
        CheckConstraint("promo_applied_minor = 0 OR promo_code_id IS NOT NULL", name="promo_names_its_code"),
        CheckConstraint("status = 'captured' OR transaction_id IS NULL", name="failed_moves_no_money"),
        CheckConstraint("status = 'failed' OR transaction_id IS NOT NULL", name="captured_has_transaction"),
    )

    id: str = id_field()
    marketplace_id: str = marketplace_field()
    booking_id: str = Field(max_length=100)
    student_id: str = Field(max_length=USER_LENGTH)
    provider_id: str = Field(max_length=USER_LENGTH)
    method: str = Field(max_length=10)
    payment_method_id: str | None = Field(default=None, max_length=ID_LENGTH)
    amount_minor: int = minor_units()
    currency: str = currency_field()
    status: str = Field(max_length=10)
    failure_code: str | None = Field(default=None, max_length=40)
    failure_reason: str | None = Field(default=None, max_length=300)
    charge_id: str | None = Field(default=None, max_length=100)  # the processor's, for card payments
    transaction_id: str | None = Field(default=None, max_length=ID_LENGTH, foreign_key="ledger_transactions.id")
    promo_code_id: str | None = Field(default=None, max_length=ID_LENGTH, foreign_key="promo_codes.id")
    promo_applied_minor: int = minor_units(server_default="0", default=0)
    created_at: datetime = created_at_field()
