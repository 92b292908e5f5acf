from datetime import datetime

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


class Refund(Base, table=True):
    __tablename__ = "refunds"
    __table_args__ = (
        # Once per decision (RF-3): a redelivered or re-announced decision finds its refund done.
        UniqueConstraint("marketplace_id", "booking_id", "decision_id", name="uq_refunds_booking_decision"),
        CheckConstraint("destination IN ('credits', 'card')", name="destination"),
    )

    id: str = id_field()
    marketplace_id: str = marketplace_field()
    booking_id: str = Field(max_length=100)
    # What decided it: booking's refund decision id, or "full" for the one full refund of a booking
    # that did not go through (declined, released).
    decision_id: str = Field(max_length=100)
    payment_id: str = Field(max_length=ID_LENGTH, foreign_key="payments.id")
    student_id: str = Field(max_length=USER_LENGTH)
    amount_minor: int = minor_units()
    currency: str = currency_field()
    destination: str = Field(max_length=10)
    processor_refund_id: str | None = Field(default=None, max_length=100)
    reason: str = Field(max_length=300)
    transaction_id: str = Field(max_length=ID_LENGTH, foreign_key="ledger_transactions.id")
    created_at: datetime = created_at_field()
