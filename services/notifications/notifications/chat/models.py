from datetime import datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field

from notifications.clock import utcnow
from notifications.columns import timestamp
from notifications.db import Base
from notifications.ids import new_id


class ChatThread(Base, table=True):
    __tablename__ = "chat_threads"
    __table_args__ = (
        UniqueConstraint("marketplace_id", "student_id", "provider_id"),  # one thread per pair, even when both open it
        Index("ix_chat_threads_student", "marketplace_id", "student_id", "last_message_at"),
        Index("ix_chat_threads_provider", "marketplace_id", "provider_id", "last_message_at"),
    )

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    marketplace_id: str = Field(max_length=100)
    student_id: str = Field(max_length=200)
    provider_id: str = Field(max_length=200)
    created_at: datetime = Field(default_factory=utcnow, sa_column=timestamp())
    last_message_at: datetime = Field(default_factory=utcnow, sa_column=timestamp())


class ChatMessage(Base, table=True):
    __tablename__ = "chat_messages"
    __table_args__ = (
        Index("ix_chat_messages_thread", "thread_id", "sent_at", "id"),
        Index("ix_chat_messages_recipient", "marketplace_id", "recipient_id", "sent_at"),
    )

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    marketplace_id: str = Field(max_length=100)
    thread_id: str = Field(foreign_key="chat_threads.id", max_length=32)
    sender_id: str = Field(max_length=200)
    sender_role: str = Field(max_length=20)
    recipient_id: str = Field(max_length=200)
    body: str = Field(max_length=4000)
    sent_at: datetime = Field(default_factory=utcnow, sa_column=timestamp())
    read_at: datetime | None = Field(default=None, sa_column=timestamp(nullable=True))
