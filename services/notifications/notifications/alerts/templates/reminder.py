"""Template of a reminder before a lesson."""

from typing import Literal

from notifications.alerts.rendering import Context, RenderedAlert, known
from notifications.preferences.kinds import AlertKind
from notifications.reminders.models import Reminder
from notifications.reminders.planning import offset_words


def lesson_reminder(reminder: Reminder, role: Literal["student", "provider"], c: Context) -> RenderedAlert:
    lesson = c.lesson
    other = ("Provider", lesson.provider_id) if role == "student" else ("Student", lesson.student_id)
    return RenderedAlert(
        AlertKind.REMINDER,
        f"reminder:{reminder.booking_id}:{reminder.offset_minutes}:{reminder.lesson_starts_at.isoformat()}",
        f"Reminder: your lesson starts in {offset_words(reminder.offset_minutes)}",
        f"Your lesson starts {c.when(reminder.lesson_starts_at)}.",
        known(("Starts", c.when(reminder.lesson_starts_at)),
              ("Ends", c.when(lesson.ends_at) if lesson.ends_at else None), other, ("Booking", reminder.booking_id)),
        "Something came up? Write to the other party in the chat before the lesson starts.")
