from datetime import datetime

from sqlmodel import Field

from wallet.columns import created_at_field
from wallet.db import Base


class ReleasedBooking(Base, table=True):
    """A booking released before the wallet answered its payment request: never to be charged."""

    __tablename__ = "released_bookings"

    marketplace_id: str = Field(primary_key=True, max_length=100)
    booking_id: str = Field(primary_key=True, max_length=100)
    reason: str = Field(max_length=300)
    released_at: datetime = created_at_field()

