"""The event contract: the CloudEvents-style envelope and the versioned schemas of every event.

Schemas live here, in one place, so producers and consumers share them; the AsyncAPI document
is generated from them (`python -m shared.events.asyncapi`).
"""

from shared.events.booking import (
    AcceptanceRequested,
    BookingCancelled,
    BookingConfirmed,
    BookingDeclined,
    BookingReleased,
    BookingRequested,
    BookingRescheduled,
    CancellationSettled,
    LessonDelivered,
    LessonMissed,
    ProviderPaused,
    ProviderReactivated,
    ProviderStrikeRecorded,
    RefundExceptionGranted,
    RescheduleApproved,
    RescheduleDeclined,
    RescheduleLapsed,
    RescheduleRequested,
)
from shared.events.disputes import (
    ProblemReported,
    ProposalRejected,
    ReportEscalated,
    ReportResolved,
    ResolutionProposed,
)
from shared.events.envelope import Envelope, EventData, event_schema, schema_for
from shared.events.gateway import MarketplaceRegistered
from shared.events.money import Money
from shared.events.notifications import ChatMessageSent
from shared.events.testing import ProbeRecorded
from shared.events.wallet import CreditsToppedUp, PaymentCaptured, PaymentFailed, ProviderPaid, RefundIssued

__all__ = [
    "AcceptanceRequested", "BookingCancelled", "BookingConfirmed", "BookingDeclined", "BookingReleased",
    "BookingRequested", "BookingRescheduled", "CancellationSettled", "ChatMessageSent", "CreditsToppedUp", "Envelope",
    "EventData", "LessonDelivered", "LessonMissed", "MarketplaceRegistered", "Money", "PaymentCaptured",
    "PaymentFailed",
    "ProbeRecorded", "ProblemReported", "ProposalRejected", "ProviderPaid", "ProviderPaused", "ProviderReactivated",
    "ProviderStrikeRecorded",
    "RefundExceptionGranted", "RefundIssued", "ReportEscalated", "ReportResolved", "RescheduleApproved",
    "RescheduleDeclined", "RescheduleLapsed", "RescheduleRequested", "ResolutionProposed", "event_schema", "schema_for",
]
