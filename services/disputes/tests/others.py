"""The other services' side, played by the test: booking's and notifications' events on the run's
exchange, the way those services publish them, for disputes' real consumer to handle. Each helper
waits until the consumer has handled the event, unless told not to."""

import uuid
from datetime import datetime, timedelta

from shared.events import ChatMessageSent, Envelope, EventData
from shared.messaging.broker import Broker
from shared.messaging.codec import envelope_message
from shared.testing.nodes import CountingConsumer, eventually

from . import booking_events
from .booking_events import LessonFacts


class OtherServices:
    def __init__(self, marketplace_id: str, broker: Broker, consumer: CountingConsumer):
        self.marketplace_id, self.broker, self.consumer = marketplace_id, broker, consumer

    async def publish(self, data: EventData, envelope: Envelope | None = None, wait: bool = True,
                      **attributes) -> Envelope:
        source, booking_id = data.event_type.split(".")[0], getattr(data, "booking_id", None)
        envelope = envelope or Envelope(
            type=data.event_type, source=source, subject=booking_id and f"booking/{booking_id}",
            marketplace=self.marketplace_id, correlation_id=uuid.uuid4(), data=data, **attributes)
        await self.broker.publish(envelope_message(envelope), envelope.type)
        if wait:
            await self.handled(envelope)
        return envelope

    async def handled(self, envelope: Envelope, deliveries: int = 1) -> None:
        async def done():
            return self.consumer.deliveries.count(str(envelope.id)) >= deliveries and await self.consumer.idle()

        await eventually(done)

    async def booked(self, student_id: str, provider_id: str, started: timedelta, price_minor: int = 5000,
                     confirmed: bool = True) -> LessonFacts:
        """A lesson booked and paid (and confirmed, unless told not) that started `started` ago."""
        lesson = booking_events.new_lesson(student_id, provider_id, started, price_minor)
        await self.publish(booking_events.requested(lesson))
        if confirmed:
            await self.publish(booking_events.confirmed(lesson))
        return lesson

    async def chat(self, lesson: LessonFacts, sender_role: str, sent_at: datetime) -> Envelope:
        """A chat message between the lesson's parties, from the `sender_role` side."""
        sender, recipient = ((lesson.student_id, lesson.provider_id) if sender_role == "student"
                             else (lesson.provider_id, lesson.student_id))
        return await self.publish(ChatMessageSent(
            thread_id=f"thread-{lesson.student_id}-{lesson.provider_id}", message_id=uuid.uuid4().hex,
            sender_id=sender, sender_role=sender_role, recipient_id=recipient, student_id=lesson.student_id,
            provider_id=lesson.provider_id, sent_at=sent_at))
