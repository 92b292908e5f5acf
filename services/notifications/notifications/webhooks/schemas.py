from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

from notifications.delivery.models import DeliveryStatus
from notifications.webhooks.catalog import subscribable_event_types
from notifications.webhooks.models import Endpoint, WebhookDelivery
from notifications.webhooks.secrets import hint


def _known_types(types: list[str] | None) -> list[str] | None:
    if types is None:
        return None
    unknown = sorted(set(types) - set(subscribable_event_types()))
    if unknown:
        raise ValueError(f"unknown event types {unknown}; GET /v1/webhooks/event-types lists them")
    return sorted(set(types))


_EVENT_TYPES = "Event types to send, as GET /v1/webhooks/event-types lists them"


class EndpointIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"url": "https://partner.example.com/hooks/lessons", "event_types": ["booking.booking_confirmed.v1"],
         "description": "Our booking calendar"}]})

    url: str = Field(max_length=1000, description="HTTPS URL of the partner's backend")
    event_types: list[str] = Field(min_length=1, max_length=100, description=_EVENT_TYPES)
    description: str | None = Field(default=None, max_length=500)

    _types = field_validator("event_types")(_known_types)


class EndpointChange(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"enabled": False}, {"event_types": ["booking.booking_confirmed.v1", "booking.booking_cancelled.v1"]}]})

    url: str | None = Field(default=None, max_length=1000)
    event_types: list[str] | None = Field(default=None, min_length=1, max_length=100, description=_EVENT_TYPES)
    description: str | None = Field(default=None, max_length=500)
    enabled: bool | None = None

    _types = field_validator("event_types")(_known_types)


class EndpointOut(BaseModel):
    id: str
    url: str
    description: str | None
    event_types: list[str]
    enabled: bool
    disabled_reason: str | None
    secret_hint: str = Field(description="The start of the signing secret, to tell which one is in use")
    previous_secret_until: datetime | None = Field(
        description="Until when the secret before the last rotation signs too")
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, endpoint: Endpoint) -> "EndpointOut":
        return cls.model_validate({**endpoint.model_dump(), "secret_hint": hint(endpoint.secret)})


class EndpointWithSecret(EndpointOut):
    secret: str = Field(description="whsec_…: verify the webhook-signature header with it. Shown only now.")

    @classmethod
    def of(cls, endpoint: Endpoint) -> "EndpointWithSecret":
        return cls.model_validate({**EndpointOut.of(endpoint).model_dump(), "secret": endpoint.secret})


class WebhookDeliveryOut(BaseModel):
    id: str = Field(description="The webhook-id header of every attempt")
    event_id: str
    event_type: str
    status: DeliveryStatus
    attempts: int
    next_attempt_at: datetime | None
    last_status_code: int | None
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None

    @classmethod
    def of(cls, delivery: WebhookDelivery) -> "WebhookDeliveryOut":
        return cls.model_validate(delivery.model_dump())
