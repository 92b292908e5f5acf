"""Events the notifications service publishes. Subject: `chat/<thread_id>`."""

from datetime import datetime
from typing import Literal

from shared.events.envelope import EventData, event_schema


@event_schema("notifications.chat_message_sent.v1")
class ChatMessageSent(EventData):
    """One party of a student-provider chat thread wrote to the other. The contact-first rule
    (RF-2, DS-4) reads it: a message from the student to the provider after the lesson's start."""

    thread_id: str
    message_id: str
    sender_id: str
    sender_role: Literal["student", "provider"]
    recipient_id: str
    student_id: str
    provider_id: str
    sent_at: datetime
