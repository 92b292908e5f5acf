from datetime import datetime

from sqlalchemy import Column, DateTime
from sqlmodel import Field

from wallet.columns import USER_LENGTH, created_at_field, currency_field, minor_units
from wallet.db import Base


class MissedLesson(Base, table=True):
    """booking.lesson_missed.v1 as the wallet keeps it: one row per booking, whatever is redelivered.
    Shown with the lesson's payment; reports read it later."""

    __tablename__ = "missed_lessons"

    marketplace_id: str = Field(primary_key=True, max_length=100)
    booking_id: str = Field(primary_key=True, max_length=100)
    report_id: str = Field(max_length=100)
    student_id: str = Field(max_length=USER_LENGTH)
    provider_id: str = Field(max_length=USER_LENGTH)
    price_minor: int = minor_units()
    currency: str = currency_field()
    missed_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    recorded_at: datetime = created_at_field()
