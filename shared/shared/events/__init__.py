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
    DisputeSettled,
    LessonDelivered,
    LessonMissed,
    MissResolved,
    ProviderPaused,
    ProviderReactivated,
    ProviderStrikeRecorded,
    ProviderSuspended,
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
from shared.events.gateway import ApiKeyRevoked, MarketplaceRegistered
from shared.events.money import Money
from shared.events.notifications import ChatMessageSent
from shared.events.testing import ProbeRecorded
from shared.events.wallet import (
    CardRefundFailed,
    CreditsToppedUp,
    EarningsClawedBack,
    PaymentCaptured,
    PaymentFailed,
    PromoCodeExpired,
    PromoCodeIssued,
    PromoCodeRedeemed,
    ProviderPaid,
    RefundIssued,
)

__all__ = [
    "AcceptanceRequested",
    "ApiKeyRevoked",
    "BookingCancelled",
    "BookingConfirmed",
    "BookingDeclined",
    "BookingReleased",
    "BookingRequested",
    "BookingRescheduled",
    "CancellationSettled",
    "CardRefundFailed",
    "ChatMessageSent",
    "CreditsToppedUp",
    "DisputeSettled",
    "EarningsClawedBack",
    "Envelope",
    "EventData",
    "LessonDelivered",
    "LessonMissed",
    "MarketplaceRegistered",
    "MissResolved",
    "Money",
    "PaymentCaptured",
    "PaymentFailed",
    "ProbeRecorded",
    "ProblemReported",
    "PromoCodeExpired",
    "PromoCodeIssued",
    "PromoCodeRedeemed",
    "ProposalRejected",
    "ProviderPaid",
    "ProviderPaused",
    "ProviderReactivated",
    "ProviderStrikeRecorded",
    "ProviderSuspended",
    "RefundExceptionGranted",
    "RefundIssued",
    "ReportEscalated",
    "ReportResolved",
    "RescheduleApproved",
    "RescheduleDeclined",
    "RescheduleLapsed",
    "RescheduleRequested",
    "ResolutionProposed",
    "event_schema",
    "schema_for",
]
