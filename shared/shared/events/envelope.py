"""The envelope every event travels in (CloudEvents attributes) and the schema catalog."""

from datetime import UTC, datetime
from typing import ClassVar, Generic, TypeVar
from uuid import UUID, uuid4

from pydantic import BaseModel, ConfigDict, Field


class EventData(BaseModel):
    """Base of every event payload. Subclasses are registered with `@event_schema`."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    event_type: ClassVar[str]


_CATALOG: dict[str, type[EventData]] = {}

D = TypeVar("D", bound=EventData)


def event_schema(event_type: str):
    """Register a payload class under its versioned type, `<service>.<fact>.v<N>`."""
    service, _, rest = event_type.partition(".")
    fact, _, version = rest.rpartition(".")
    if not (service and fact and version.startswith("v") and version[1:].isdigit()):
        raise ValueError(f"event type {event_type!r} is not <service>.<fact>.v<N>")

    def register(cls: type[D]) -> type[D]:
        if event_type in _CATALOG:
            raise ValueError(f"event type {event_type!r} registered twice")
        cls.event_type = event_type
        _CATALOG[event_type] = cls
        return cls

    return register


def schema_for(event_type: str) -> type[EventData]:
    try:
        return _CATALOG[event_type]
    except KeyError:
        raise LookupError(f"unknown event type {event_type!r}") from None


def catalog() -> dict[str, type[EventData]]:
    return dict(_CATALOG)


def _now() -> datetime:
    return datetime.now(UTC)


class Envelope(BaseModel, Generic[D]):
    """CloudEvents attributes plus our tenancy and tracing ones; `data` is the typed payload."""

    specversion: str = "1.0"
    id: UUID = Field(default_factory=uuid4)
    type: str
    source: str
    time: datetime = Field(default_factory=_now)
    subject: str | None = None
    marketplace: str
    correlation_id: UUID
    causation_id: UUID | None = None
    datacontenttype: str = "application/json"
    data: D

    @classmethod
    def parse(cls, raw: bytes | str) -> "Envelope[EventData]":
        """Parse a message body; `data` becomes the registered schema of its `type`."""
        event_type = _Head.model_validate_json(raw).type
        envelope_class = _typed_envelopes.get(event_type)
        if envelope_class is None:  # pydantic caches Envelope[schema] too, but finding it costs more
            envelope_class = _typed_envelopes[event_type] = Envelope[schema_for(event_type)]
        return envelope_class.model_validate_json(raw)


_typed_envelopes: dict[str, type[Envelope]] = {}


class _Head(BaseModel):
    type: str
