"""What the current request or handled event is, for logs and for the events it causes."""

from contextvars import ContextVar
from dataclasses import dataclass
from uuid import UUID, uuid4


@dataclass(frozen=True)
class Causation:
    correlation_id: UUID
    causation_id: UUID | None = None


_current: ContextVar[Causation | None] = ContextVar("causation", default=None)


def current_causation() -> Causation:
    """The chain the code running now belongs to; a fresh one when nothing started it."""
    return _current.get() or Causation(correlation_id=uuid4())


def set_causation(causation: Causation):
    return _current.set(causation)


def reset_causation(token) -> None:
    _current.reset(token)
