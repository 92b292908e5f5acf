from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from notifications.chat.models import ChatMessage, ChatThread


class ThreadIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"counterpart_id": "provider-1"}]})

    counterpart_id: str = Field(min_length=1, max_length=200,
                                description="For a student, the provider's id; for a provider, the student's")


class ThreadOut(BaseModel):
    id: str
    student_id: str
    provider_id: str
    created_at: datetime
    last_message_at: datetime
    unread: int = Field(description="Messages to the caller not read yet")
    dispute_report_ids: list[str] | None = Field(
        default=None, description="For staff: the escalated reports of the pair that let them read the thread")

    @classmethod
    def of(cls, thread: ChatThread, unread: int, dispute_report_ids: list[str] | None = None) -> "ThreadOut":
        return cls.model_validate({**thread.model_dump(), "unread": unread, "dispute_report_ids": dispute_report_ids})


class MessageIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"body": "Hi! Could we look at chapter 3 on Thursday?"}]})

    body: str = Field(min_length=1, max_length=4000)

    @field_validator("body")
    @classmethod
    def _not_blank(cls, body: str) -> str:
        if not body.strip():
            raise ValueError("a message needs some text")
        return body


class MessageOut(BaseModel):
    id: str
    thread_id: str
    sender_id: str
    sender_role: Literal["student", "provider"]
    recipient_id: str
    body: str
    sent_at: datetime
    read_at: datetime | None

    @classmethod
    def of(cls, message: ChatMessage) -> "MessageOut":
        return cls.model_validate(message.model_dump())


class ReadIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {}, {"up_to": "c0f3a9b2e1d84f6a9b7c5d3e1f2a4b6c"}]})

    up_to: str | None = Field(default=None, description="Mark read up to this message; all when left out")
