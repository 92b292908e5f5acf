"""The event contract: the CloudEvents-style envelope and the versioned schemas of every event.

Schemas live here, in one place, so producers and consumers share them; the AsyncAPI document
is generated from them (`python -m shared.events.asyncapi`).
"""

from shared.events.envelope import Envelope, EventData, event_schema, schema_for
from shared.events.gateway import MarketplaceRegistered
from shared.events.testing import ProbeRecorded

__all__ = ["Envelope", "EventData", "MarketplaceRegistered", "ProbeRecorded", "event_schema", "schema_for"]
