"""The contact-first condition of RF-2 and DS-4, pure: the student wrote to the provider after the
lesson's start. A message from before the start is about something else (or nothing had gone wrong yet)."""

from datetime import datetime


def has_contacted(last_written_at: datetime | None, lesson_starts_at: datetime | None) -> bool:
    if last_written_at is None or lesson_starts_at is None:
        return False  # no message, or a lesson the wallet never heard start: nothing shows contact
    return last_written_at >= lesson_starts_at
