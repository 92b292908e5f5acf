import uuid
from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, Column, DateTime, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field

from booking.clock import utcnow
from booking.db import Base


def _id() -> str:
    return uuid.uuid4().hex


def _timestamp(nullable: bool = False) -> Column:
    return Column(DateTime(timezone=True), nullable=nullable)


class Cancellation(Base, table=True):
    """Why and by whom a booking was cancelled, and where its money stands: refunded by the decisions
    below, the rest kept by the provider and paid to them when the cancellation settles."""

    __tablename__ = "cancellations"
    __table_args__ = (
        UniqueConstraint("marketplace_id", "booking_id", name="uq_cancellations_booking"),
        # RF-3 on booking's side: the decisions never give back more than the lesson's price.
        CheckConstraint("refund_decided_minor BETWEEN 0 AND price_minor", name="refunds_within_price"),
    )

    id: str = Field(default_factory=_id, primary_key=True, max_length=32)
    marketplace_id: str = Field(max_length=100)
    booking_id: str = Field(max_length=32)
    cancelled_by: str = Field(max_length=20)  # student, provider or staff
    cancelled_by_user: str = Field(max_length=200)
    cause: str = Field(max_length=20)  # student or provider
    reason: str = Field(max_length=500)
    student_aware: bool | None = None  # staff confirm it (CX-3)
    # Amounts are 64-bit: a price may be up to 100 million of its currency's major unit.
    price_minor: int = Field(sa_type=BigInteger)
    currency: str = Field(max_length=3)
    refund_decided_minor: int = Field(default=0, sa_type=BigInteger)
    alternative_provider_ids: list[str] = Field(default_factory=list, sa_column=Column(JSONB, nullable=False))
    settle_at: datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
    settled_at: datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp())

    @property
    def remaining_minor(self) -> int:
        """What the provider keeps so far: what exceptions can still give back."""
        return self.price_minor - self.refund_decided_minor


class RefundDecision(Base, table=True):
    """One decision to give money back: the wallet refunds each exactly once, keyed by its id."""

    __tablename__ = "refund_decisions"
    __table_args__ = (
        Index("ix_refund_decisions_booking", "marketplace_id", "booking_id", "created_at"),
        CheckConstraint("amount_minor >= 0", name="amount_not_negative"),
    )

    id: str = Field(default_factory=_id, primary_key=True, max_length=32)
    marketplace_id: str = Field(max_length=100)
    booking_id: str = Field(max_length=32)
    cancellation_id: str = Field(sa_column=Column(String(32), ForeignKey("cancellations.id"), nullable=False))
    amount_minor: int = Field(sa_type=BigInteger)
    currency: str = Field(max_length=3)
    form: str = Field(max_length=10)  # credits or card
    decided_by: str = Field(max_length=20)  # policy, provider or staff
    decided_by_user: str = Field(max_length=200)
    rule: str = Field(max_length=50)
    reason: str | None = Field(default=None, max_length=500)
    created_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp())
