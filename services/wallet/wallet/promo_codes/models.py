from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Column, DateTime, Index, UniqueConstraint
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


class PromoCodeStatus(StrEnum):
    ACTIVE = "active"
    USED = "used"
    EXPIRED = "expired"


class PromoCode(Base, table=True):
    """One code per missed lesson; its value sits in its own account (kind promo_codes, owner: this id)
    from issue until a replacement booking uses it or it expires."""

    __tablename__ = "promo_codes"
    __table_args__ = (
        UniqueConstraint("marketplace_id", "code", name="uq_promo_codes_code"),
        # A missed lesson turns into one code (PC-1); a code pays for one booking (PC-2).
        UniqueConstraint("marketplace_id", "missed_booking_id", name="uq_promo_codes_missed_booking"),
        UniqueConstraint("marketplace_id", "replacement_booking_id", name="uq_promo_codes_replacement_booking"),
        CheckConstraint("status IN ('active', 'used', 'expired')", name="status"),
        CheckConstraint("(status = 'used') = (replacement_booking_id IS NOT NULL)", name="used_names_its_booking"),
        CheckConstraint("value_minor >= 0", name="value_not_negative"),
        Index("ix_promo_codes_listing", "marketplace_id", "created_at", "id"),
        Index("ix_promo_codes_student", "marketplace_id", "student_id"),
        Index("ix_promo_codes_provider", "marketplace_id", "provider_id"),
    )

    id: str = id_field()
    marketplace_id: str = marketplace_field()
    code: str = Field(max_length=20)
    student_id: str = Field(max_length=USER_LENGTH)
    provider_id: str = Field(max_length=USER_LENGTH)
    missed_booking_id: str = Field(max_length=100)
    value_minor: int = minor_units()
    currency: str = currency_field()
    expires_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    status: str = Field(default=PromoCodeStatus.ACTIVE, max_length=10)
    replacement_booking_id: str | None = Field(default=None, max_length=100)
    issue_transaction_id: str = Field(max_length=ID_LENGTH, foreign_key="ledger_transactions.id")
    used_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=True))
    expired_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=True))
    created_at: datetime = created_at_field()
