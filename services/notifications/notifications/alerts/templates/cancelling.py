"""Templates of a cancellation, for the party who didn't cancel (or both, when staff did): what is
refunded, in which form, what the provider keeps, and the alternatives staff suggest (CX-1 to CX-3)."""

from notifications.alerts.rendering import Context, RenderedAlert, fact_key, known, money
from notifications.preferences.kinds import AlertKind
from shared.events import BookingCancelled

_BY = {"student": "the student", "provider": "the provider", "staff": "the marketplace's team"}
_FORM = {"credits": "wallet credits", "card": "the card that paid"}


def cancelled_for_student(d: BookingCancelled, c: Context) -> RenderedAlert:
    refund = (f"{money(d.refund)} to your {_FORM[d.refund_form]}" if d.refund.amount_minor
              else "None: the provider keeps the payment")
    others = ", ".join(d.alternative_provider_ids) or None
    return RenderedAlert(
        AlertKind.BOOKING, fact_key(d.event_type, d.booking_id), f"Your lesson on {c.when(d.starts_at)} was cancelled",
        f"The lesson was cancelled by {_BY[d.cancelled_by]}: {d.reason}",
        known(("Lesson was at", c.when(d.starts_at)), ("Refund", refund), ("Other providers for you", others),
              ("Booking", d.booking_id)),
        "See the suggested providers and book with one of them." if others else "Book another time when it suits you.")


def cancelled_for_provider(d: BookingCancelled, c: Context) -> RenderedAlert:
    return RenderedAlert(
        AlertKind.BOOKING, fact_key(d.event_type, d.booking_id), f"Lesson on {c.when(d.starts_at)} cancelled",
        f"The lesson was cancelled by {_BY[d.cancelled_by]}: {d.reason}",
        known(("Lesson was at", c.when(d.starts_at)), ("Student", d.student_id),
              ("Refunded to the student", money(d.refund)), ("You keep", money(d.provider_keeps)),
              ("Booking", d.booking_id)),
        "The slot is free again." + (" You can still give back what you keep, as an exception, until it is paid to "
                                     "you." if d.provider_keeps.amount_minor else ""))
