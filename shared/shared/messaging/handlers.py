"""The handler registry: `@handlers.on("booking.lesson_missed.v1")` and a typed envelope arrives."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from shared.events import Envelope
from shared.events.envelope import schema_for

if TYPE_CHECKING:
    from shared.unit_of_work import UnitOfWork

Handler = Callable[[Envelope[Any], "UnitOfWork"], Awaitable[None]]


@dataclass(frozen=True)
class Registered:
    name: str
    fn: Handler


class HandlerRegistry:
    def __init__(self) -> None:
        self._by_type: dict[str, list[Registered]] = {}

    def on(self, event_type: str):
        schema_for(event_type)  # an unknown type is a start-up error, not a silent non-binding

        def register(fn: Handler) -> Handler:
            name = f"{fn.__module__}.{fn.__qualname__}"
            self._by_type.setdefault(event_type, []).append(Registered(name, fn))
            return fn

        return register

    @classmethod
    def combine(cls, *registries: "HandlerRegistry") -> "HandlerRegistry":
        """One registry for the service from the registries of its domain modules."""
        combined = cls()
        for registry in registries:
            for event_type, handlers in registry._by_type.items():
                combined._by_type.setdefault(event_type, []).extend(handlers)
        return combined

    def for_type(self, event_type: str) -> list[Registered]:
        return self._by_type.get(event_type, [])

    @property
    def event_types(self) -> list[str]:
        return sorted(self._by_type)
