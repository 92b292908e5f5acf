"""The event types a partner may subscribe to: every business event of the contract."""

from shared.events.envelope import catalog


def subscribable_event_types() -> list[str]:
    # platform.* events are health probes and test traffic, nothing a partner acts on.
    return sorted(event_type for event_type in catalog() if not event_type.startswith("platform."))
