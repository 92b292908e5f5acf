"""Templates of a provider's standing (BK-5, PS-1): their account paused or reactivated, by themselves
or by the marketplace's team, or suspended past the strikes the policy allows (reinstatement is a
reactivation by staff). Each change is its own fact, keyed by when it happened."""

from datetime import UTC, datetime

from notifications.alerts.rendering import Context, RenderedAlert, fact_key, known
from notifications.preferences.kinds import AlertKind
from shared.events import ProviderPaused, ProviderReactivated, ProviderSuspended

_BY = {"provider": "you", "staff": "the marketplace's team"}


def _key(event_type: str, at: datetime) -> str:
    return fact_key(event_type, at.astimezone(UTC).isoformat())


def paused_for_provider(d: ProviderPaused, c: Context) -> RenderedAlert:
    if d.by == "staff":
        subject = "Your account was paused by the marketplace's team"
        next_step = "Only the marketplace's team can reactivate it; contact them if you have questions."
    else:
        subject = "Your account is paused"
        next_step = "Resume your account whenever you want to take bookings again."
    return RenderedAlert(
        AlertKind.BOOKING, _key(d.event_type, d.paused_at), subject,
        "Students can't book new lessons with you; the lessons already booked stand.",
        known(("Paused", c.when(d.paused_at)), ("By", _BY[d.by]), ("Why", d.reason)), next_step)


def reactivated_for_provider(d: ProviderReactivated, c: Context) -> RenderedAlert:
    subject = ("Your account was reactivated by the marketplace's team" if d.by == "staff"
               else "Your account is active again")
    return RenderedAlert(
        AlertKind.BOOKING, _key(d.event_type, d.reactivated_at), subject,
        "Students can book lessons with you again from your availability.",
        known(("Reactivated", c.when(d.reactivated_at)), ("By", _BY[d.by])),
        "Check your availability is up to date.")


def suspended_for_provider(d: ProviderSuspended, c: Context) -> RenderedAlert:
    return RenderedAlert(
        AlertKind.BOOKING, _key(d.event_type, d.suspended_at), "Your account is suspended",
        f"{strikes_sentence(d, 'you')} Students can't book new lessons with you.",
        (("Suspended", c.when(d.suspended_at)), ("Strikes", f"{d.strikes} in {d.window_days} days"),
         ("Limit", str(d.threshold))),
        "Only the marketplace's team can reinstate your account; contact them.")


def strikes_sentence(d: ProviderSuspended, whom: str) -> str:
    """Why (PS-1): the strikes in the policy's window, and its limit."""
    return (f"{d.strikes} lessons counted against {whom} in {d.window_days} days (misses left unsettled, "
            f"cancellations and rearrangements of students' bookings); the limit is {d.threshold}.")
