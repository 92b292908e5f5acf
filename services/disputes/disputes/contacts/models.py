from datetime import datetime

from sqlmodel import Field

from disputes.columns import timestamp
from disputes.db import Base


class ChatContact(Base, table=True):
    """When the student last wrote to the provider in their chat. The latest time is enough: a
    message after a lesson's start exists exactly when the latest one is after it, and a maximum
    comes out the same whatever order the events arrive in."""

    __tablename__ = "chat_contacts"

    marketplace_id: str = Field(primary_key=True, max_length=100)
    student_id: str = Field(primary_key=True, max_length=200)
    provider_id: str = Field(primary_key=True, max_length=200)
    student_last_wrote_at: datetime = Field(sa_column=timestamp())
