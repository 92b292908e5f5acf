from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field

from wallet.columns import USER_LENGTH, created_at_field, id_field, marketplace_field
from wallet.db import Base


class PaymentMethod(Base, table=True):
    __tablename__ = "payment_methods"
    __table_args__ = (Index("ix_payment_methods_owner", "marketplace_id", "student_id"),)

    id: str = id_field()
    marketplace_id: str = marketplace_field()
    student_id: str = Field(max_length=USER_LENGTH)
    processor: str = Field(max_length=30)  # the adapter whose payment method this is, see cards.adapters
    # The processor's reusable payment method the card token was attached as: what charges name. Never
    # the token itself (single-use, spent), the card number or the security code.
    processor_payment_method_id: str = Field(max_length=100)
    brand: str = Field(max_length=20)
    last4: str = Field(min_length=4, max_length=4)
    exp_month: int
    exp_year: int
    created_at: datetime = created_at_field()
