"""The contact-first condition (RF-2, DS-4), pure: the student sent the provider a chat message
after the lesson's start."""

from datetime import datetime


def contacted_after_start(lesson_starts_at: datetime | None, student_last_wrote_at: datetime | None) -> bool:
    if lesson_starts_at is None or student_last_wrote_at is None:
        return False
    return student_last_wrote_at >= lesson_starts_at
