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


class Payout(Base, table=True):
    __tablename__ = "payouts"
    __table_args__ = (
        UniqueConstraint("marketplace_id", "booking_id", name="uq_payouts_booking"),
        CheckConstraint("fee_minor + net_minor = gross_minor", name="split_adds_up"),
    )

    id: str = id_field()
    marketplace_id: str = marketplace_field()
    booking_id: str = Field(max_length=100)
    provider_id: str = Field(max_length=USER_LENGTH)
    gross_minor: int = minor_units()
    fee_minor: int = minor_units()
    net_minor: int = minor_units()
    fee_bps: int
    currency: str = currency_field()
    transaction_id: str = Field(max_length=ID_LENGTH, foreign_key="ledger_transactions.id")
    created_at: datetime = created_at_field()
