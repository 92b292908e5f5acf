"""Templates of the staff desk (staffdesk/): what the marketplace's team must know or act on, told to
the team rather than to one user. Times read in UTC."""

from datetime import UTC

from notifications.alerts.rendering import Context, RenderedAlert, fact_key, known, money
from notifications.alerts.templates.account import strikes_sentence
from notifications.preferences.kinds import AlertKind
from shared.events import CardRefundFailed, ProviderSuspended


def suspended_for_staff(d: ProviderSuspended, c: Context) -> RenderedAlert:
    return RenderedAlert(
        AlertKind.BOOKING, fact_key(d.event_type, d.provider_id, d.suspended_at.astimezone(UTC).isoformat()),
        f"Provider {d.provider_id} was suspended",
        f"{strikes_sentence(d, 'them')} They take no new bookings until you reinstate them.",
        known(("Provider", d.provider_id), ("Suspended", c.when(d.suspended_at)),
              ("Strikes", f"{d.strikes} in {d.window_days} days"), ("Limit", str(d.threshold)),
              ("Strike ids", ", ".join(d.strike_ids) or None)),
        "Review their record; reactivate them when they may take bookings again.")


def card_refund_failed_for_staff(d: CardRefundFailed, c: Context) -> RenderedAlert:
    # Keyed with the reason: a retry that fails the same way is the same fact, another way a new one.
    return RenderedAlert(
        AlertKind.PAYMENT, fact_key(d.event_type, d.card_refund_id, d.reason[:100]),
        f"A card refund of {money(d.amount)} failed",
        "The payment processor refused the refund to the student's card; no money moved.",
        known(("Amount", money(d.amount)), ("Why", d.reason), ("Student", d.student_id), ("Lesson", c.lesson_time()),
              ("Booking", d.booking_id), ("Card refund", d.card_refund_id)),
        "Retry the card refund once the cause is fixed.")
