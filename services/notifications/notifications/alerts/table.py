"""The event-to-alert table (NT-2): who each event concerns, and the template each of them gets.
services/notifications/README.md shows it for people; add a row here when an event lands."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from notifications.alerts.rendering import Context, RenderedAlert
from notifications.alerts.templates import booking, wallet
from shared.events import (
    AcceptanceRequested,
    BookingConfirmed,
    BookingDeclined,
    BookingReleased,
    CreditsToppedUp,
    LessonDelivered,
    PaymentFailed,
    ProviderPaid,
    RefundIssued,
)

# booking's second release of a booking whose money came late: internal, the refund alert follows.
CAPTURED_AFTER_RELEASE = "payment_captured_after_release"


@dataclass(frozen=True)
class Audience:
    role: Literal["student", "provider"]
    template: Callable[[Any, Context], RenderedAlert]
    applies: Callable[[Any], bool] = lambda data: True

    def user_id(self, data) -> str:
        return getattr(data, f"{self.role}_id")


def student(template, applies=lambda data: True) -> Audience:
    return Audience("student", template, applies)


def provider(template, applies=lambda data: True) -> Audience:
    return Audience("provider", template, applies)


ALERTS: dict[str, tuple[Audience, ...]] = {
    BookingConfirmed.event_type: (student(booking.confirmed_for_student), provider(booking.confirmed_for_provider)),
    AcceptanceRequested.event_type: (provider(booking.acceptance_for_provider),
                                     student(booking.acceptance_for_student)),
    BookingDeclined.event_type: (student(booking.declined_for_student),
                                 provider(booking.timed_out_for_provider, lambda d: d.reason == "acceptance_timeout")),
    BookingReleased.event_type: (student(booking.released_for_student, lambda d: d.reason != CAPTURED_AFTER_RELEASE),),
    LessonDelivered.event_type: (provider(booking.delivered_for_provider),
                                 student(booking.auto_delivered_for_student, lambda d: d.confirmed_by == "auto")),
    PaymentFailed.event_type: (student(wallet.payment_failed_for_student),),
    RefundIssued.event_type: (student(wallet.refund_for_student),),
    ProviderPaid.event_type: (provider(wallet.paid_to_provider),),
    CreditsToppedUp.event_type: (student(wallet.credits_for_student),),
}
