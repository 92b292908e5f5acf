"""When a booking's timers fall due, from the booking's own terms, without I/O."""

from datetime import UTC, datetime, timedelta

from booking.bookings.deadlines import acceptance_deadline, auto_confirm_at
from booking.bookings.models import Booking
from booking.policies.overrides import effective_policy

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)


def booking(starts_in: timedelta, **overrides) -> Booking:
    terms = effective_policy("coaching", overrides).terms.model_dump(mode="json")
    return Booking(starts_at=NOW + starts_in, ends_at=NOW + starts_in + timedelta(hours=1), terms=terms)


def test_the_provider_answers_within_the_terms_timeout():
    assert acceptance_deadline(booking(timedelta(days=5)), NOW) == NOW + timedelta(hours=24)
    assert acceptance_deadline(booking(timedelta(days=5), acceptance_timeout_hours=6), NOW) == NOW + timedelta(hours=6)


def test_the_answer_is_due_by_the_lessons_start_at_the_latest():
    soon = booking(timedelta(hours=3))
    assert acceptance_deadline(soon, NOW) == soon.starts_at


def test_auto_confirmation_follows_the_lessons_end_by_the_terms_days():
    lesson = booking(timedelta(days=1), auto_confirm_after_days=3)
    assert auto_confirm_at(lesson) == lesson.ends_at + timedelta(days=3)
