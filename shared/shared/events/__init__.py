"""The event contract: the CloudEvents-style envelope and the versioned schemas of every event.

Schemas live here, in one place, so producers and consumers share them; the AsyncAPI document
is generated from them (`python -m shared.events.asyncapi`).
"""

from shared.events.booking import (
    AcceptanceRequested,
    BookingConfirmed,
    BookingDeclined,
    BookingReleased,
    BookingRequested,
    LessonDelivered,
)
from shared.events.envelope import Envelope, EventData, event_schema, schema_for
from shared.events.gateway import MarketplaceRegistered
from shared.events.money import Money
from shared.events.notifications import ChatMessageSent
from shared.events.testing import ProbeRecorded
from shared.events.wallet import CreditsToppedUp, PaymentCaptured, PaymentFailed, ProviderPaid, RefundIssued

__all__ = [
    "AcceptanceRequested", "BookingConfirmed", "BookingDeclined", "BookingReleased", "BookingRequested",
    "ChatMessageSent", "CreditsToppedUp", "Envelope", "EventData", "LessonDelivered", "MarketplaceRegistered",
    "Money", "PaymentCaptured", "PaymentFailed", "ProbeRecorded", "ProviderPaid", "RefundIssued", "event_schema",
    "schema_for",
]
