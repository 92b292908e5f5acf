"""Templates of moving a lesson: a request to the party asked, its answer or lapse to the asker,
and the move itself to both parties (RS-2, RS-3, RS-4)."""

from notifications.alerts.rendering import Context, RenderedAlert, fact_key, known
from notifications.preferences.kinds import AlertKind
from shared.events import (
    BookingRescheduled,
    RescheduleApproved,
    RescheduleDeclined,
    RescheduleLapsed,
    RescheduleRequested,
)

BOOKING = AlertKind.BOOKING
_WHO = {"student": "Your student", "provider": "Your provider"}


def requested_of_other_party(d: RescheduleRequested, c: Context) -> RenderedAlert:
    asked = "student" if d.asked_by == "provider" else "provider"
    next_step = ("Pick a new time from the provider's free slots, or decline." if asked == "student"
                 else "Approve (the student's time, or propose another) or decline.")
    return RenderedAlert(
        BOOKING, fact_key(d.event_type, d.request_id), f"{_WHO[d.asked_by]} asks to move your lesson on "
                                                       f"{c.when(d.starts_at)}",
        f"{_WHO[d.asked_by]} would like to reschedule: {d.reason}",
        known(("Lesson now", c.when(d.starts_at)),
              ("Proposed time", c.when(d.proposed_starts_at) if d.proposed_starts_at else None),
              ("Answer before", c.when(d.answer_by)), ("Booking", d.booking_id)),
        f"{next_step} Unanswered when the lesson starts, the request lapses and the lesson stays.")


def approved_for_student(d: RescheduleApproved, c: Context) -> RenderedAlert:
    return RenderedAlert(
        BOOKING, fact_key(d.event_type, d.request_id), "Your provider agreed to move your lesson: pick a new time",
        "The provider agreed to reschedule; the lesson moves when you pick the new time.",
        known(("Lesson now", c.when(d.starts_at)),
              ("Provider proposes", c.when(d.proposed_starts_at) if d.proposed_starts_at else None),
              ("Pick before", c.when(d.answer_by)), ("Booking", d.booking_id)),
        "Pick a time from the provider's free slots, or decline to keep the lesson where it is.")


def declined_for_asker(d: RescheduleDeclined, c: Context) -> RenderedAlert:
    return RenderedAlert(
        BOOKING, fact_key(d.event_type, d.request_id), "Your request to move the lesson was declined",
        f"{_WHO[d.declined_by]} declined to reschedule; the lesson stays where it is.",
        known(("Lesson", c.when(d.starts_at)), ("Why", d.reason), ("Booking", d.booking_id)),
        "Talk it over in the chat, or cancel under the booking's terms if you can't make it.")


def lapsed_for_asker(d: RescheduleLapsed, c: Context) -> RenderedAlert:
    return RenderedAlert(
        BOOKING, fact_key(d.event_type, d.request_id), "Your request to move the lesson lapsed",
        "Nobody answered it before the lesson started, so the lesson stayed where it was.",
        known(("Lesson", c.when(d.starts_at)), ("Booking", d.booking_id)), None)


def moved_for_student(d: BookingRescheduled, c: Context) -> RenderedAlert:
    lead = ("Your provider moved the lesson, stating that you agreed to the new time. If you didn't, tell them "
            "or the marketplace's team." if d.how == "provider_edit"
            else "You and your provider agreed on a new time. Your payment carries over.")
    return _moved(d, c, lead)


def moved_for_provider(d: BookingRescheduled, c: Context) -> RenderedAlert:
    lead = ("You moved the lesson to the time the student agreed to." if d.how == "provider_edit"
            else "You and your student agreed on a new time. The payment carries over.")
    return _moved(d, c, lead)


def _moved(d: BookingRescheduled, c: Context, lead: str) -> RenderedAlert:
    return RenderedAlert(
        BOOKING, fact_key(d.event_type, d.booking_id, d.previous_starts_at.isoformat(), d.starts_at.isoformat()),
        f"Your lesson moved to {c.when(d.starts_at)}", lead,
        (("New time", c.when(d.starts_at)), ("Was", c.when(d.previous_starts_at)), ("Booking", d.booking_id)),
        "Reminders follow the new time.")
