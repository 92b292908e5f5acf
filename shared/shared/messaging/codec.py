"""How an envelope maps onto an AMQP 0-9-1 message (structured CloudEvents: the envelope is the body)."""

import aio_pika

from shared.events import Envelope

CONTENT_TYPE = "application/cloudevents+json"


def to_message(body: str | bytes, event_id: str, event_type: str, correlation_id: str | None = None,
               headers: dict | None = None) -> aio_pika.Message:
    return aio_pika.Message(
        body=body if isinstance(body, bytes) else body.encode(),
        content_type=CONTENT_TYPE,
        message_id=event_id,
        type=event_type,
        correlation_id=correlation_id,
        delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
        headers=headers or {},
    )


def envelope_message(envelope: Envelope) -> aio_pika.Message:
    return to_message(envelope.model_dump_json(), str(envelope.id), envelope.type, str(envelope.correlation_id))
