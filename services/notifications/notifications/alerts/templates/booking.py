"""Templates of booking's events."""

from notifications.alerts.rendering import Context, RenderedAlert, fact_key, known, money
from notifications.preferences.kinds import AlertKind
from shared.events import (
    AcceptanceRequested,
    BookingConfirmed,
    BookingDeclined,
    BookingReleased,
    LessonDelivered,
)

BOOKING = AlertKind.BOOKING
# A failed payment and the release it causes are one fact for the student: one alert, whichever comes first.
NOT_GOING_THROUGH = "booking_not_going_through"


def confirmed_for_student(d: BookingConfirmed, c: Context) -> RenderedAlert:
    return RenderedAlert(
        BOOKING, fact_key(d.event_type, d.booking_id), f"Your lesson on {c.when(d.starts_at)} is booked",
        "Your booking is paid and confirmed.",
        (("Starts", c.when(d.starts_at)), ("Ends", c.when(d.ends_at)), ("Booking", d.booking_id)),
        "You'll get reminders before it starts. Questions? Write to your provider in the chat.")


def confirmed_for_provider(d: BookingConfirmed, c: Context) -> RenderedAlert:
    return RenderedAlert(
        BOOKING, fact_key(d.event_type, d.booking_id), f"New lesson booked for {c.when(d.starts_at)}",
        "A student booked and paid a lesson with you.",
        (("Starts", c.when(d.starts_at)), ("Ends", c.when(d.ends_at)), ("Student", d.student_id),
         ("Booking", d.booking_id)),
        "It is in your schedule; you'll get reminders before it starts.")


def acceptance_for_provider(d: AcceptanceRequested, c: Context) -> RenderedAlert:
    return RenderedAlert(
        BOOKING, fact_key(d.event_type, d.booking_id), f"Accept or decline a lesson by {c.when(d.respond_by)}",
        "A student booked and paid a lesson with you; it needs your answer.",
        (("Lesson starts", c.when(d.starts_at)), ("Answer by", c.when(d.respond_by)), ("Student", d.student_id),
         ("Booking", d.booking_id)),
        "Accept or decline it. Unanswered by then, it is declined and the student refunded in full.")


def acceptance_for_student(d: AcceptanceRequested, c: Context) -> RenderedAlert:
    return RenderedAlert(
        BOOKING, fact_key(d.event_type, d.booking_id), "Your booking awaits the provider's answer",
        "Your payment went through; the provider accepts or declines each new booking.",
        (("Lesson starts", c.when(d.starts_at)), ("Answer due by", c.when(d.respond_by)), ("Booking", d.booking_id)),
        "We'll tell you their answer. If they decline or don't answer, you get the full price back.")


def declined_for_student(d: BookingDeclined, c: Context) -> RenderedAlert:
    subject = ("The provider declined your booking" if d.reason == "declined"
               else "Your booking was not accepted in time")
    facts = [("Lesson was at", c.lesson_time()), ("Refund", money(d.refund)), ("Booking", d.booking_id)]
    return RenderedAlert(
        BOOKING, fact_key(d.event_type, d.booking_id), subject,
        "The lesson won't take place; the full price goes back.", known(*facts),
        "Pick another time or another provider.")


def timed_out_for_provider(d: BookingDeclined, c: Context) -> RenderedAlert:
    facts = [("Lesson was at", c.lesson_time()), ("Student", d.student_id), ("Booking", d.booking_id)]
    return RenderedAlert(
        BOOKING, fact_key(d.event_type, d.booking_id), "A booking was declined: you did not answer in time",
        "The student was refunded in full and the slot is free again.",
        known(*facts),
        "Answer new bookings before their deadline to keep them.")


def released_for_student(d: BookingReleased, c: Context) -> RenderedAlert:
    facts = [("Lesson", c.lesson_time()), ("Why", d.reason), ("Booking", d.booking_id)]
    return RenderedAlert(
        BOOKING, f"{NOT_GOING_THROUGH}:{d.booking_id}", "Your booking didn't go through",
        "The payment could not be taken, so the slot was not kept for you.",
        known(*facts), "Check your payment method or credits and book again.")


def delivered_for_provider(d: LessonDelivered, c: Context) -> RenderedAlert:
    by = "the student" if d.confirmed_by == "student" else "automatically, nobody reported a problem"
    facts = [("Lesson was at", c.lesson_time()), ("Price", money(d.price)), ("Confirmed", by),
             ("Booking", d.booking_id)]
    return RenderedAlert(
        BOOKING, fact_key(d.event_type, d.booking_id), "Lesson confirmed: your payment is on its way",
        "The lesson counts as delivered.", known(*facts),
        "You'll get a message when the money reaches your balance.")


def auto_delivered_for_student(d: LessonDelivered, c: Context) -> RenderedAlert:
    facts = [("Lesson was at", c.lesson_time()), ("Booking", d.booking_id)]
    return RenderedAlert(
        BOOKING, fact_key(d.event_type, d.booking_id), "Your lesson was confirmed automatically",
        "Nobody confirmed the lesson or reported a problem in time, so it counts as delivered "
        "and the provider is paid.",
        known(*facts), None)
