from datetime import datetime

from sqlalchemy import UniqueConstraint
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


class TopUp(Base, table=True):
    __tablename__ = "top_ups"
    # One card charge buys credits once, however often a retried request presents it.
    __table_args__ = (UniqueConstraint("marketplace_id", "charge_id", name="uq_top_ups_charge"),)

    id: str = id_field()
    marketplace_id: str = marketplace_field()
    student_id: str = Field(max_length=USER_LENGTH)
    payment_method_id: str = Field(max_length=ID_LENGTH, foreign_key="payment_methods.id")
    amount_minor: int = minor_units()
    currency: str = currency_field()
    charge_id: str = Field(max_length=100)
    transaction_id: str = Field(max_length=ID_LENGTH, foreign_key="ledger_transactions.id")
    created_at: datetime = created_at_field()
