"""The lesson status from booking's events, and the contact-first fact, without I/O."""

from datetime import UTC, datetime, timedelta

import pytest

from disputes.contacts.rule import contacted_after_start
from disputes.lessons.status import LessonStatus, advance

S = LessonStatus
START = datetime(2026, 3, 1, 10, tzinfo=UTC)


@pytest.mark.parametrize(("current", "reported", "expected"), [
    (S.REQUESTED, S.CONFIRMED, S.CONFIRMED),
    (S.CONFIRMED, S.REQUESTED, S.CONFIRMED),  # a late request doesn't undo the confirmation
    (S.CONFIRMED, S.DELIVERED, S.DELIVERED),
    (S.DELIVERED, S.CONFIRMED, S.DELIVERED),
    (S.REQUESTED, S.DECLINED, S.DECLINED),
    (S.DECLINED, S.RELEASED, S.DECLINED),  # an end is final
    (S.CONFIRMED, S.CANCELLED, S.CANCELLED),
    (S.CANCELLED, S.CONFIRMED, S.CANCELLED),
])
def test_a_status_only_moves_forward(current, reported, expected):
    assert advance(current, reported) is expected


@pytest.mark.parametrize(("wrote_at", "contacted"), [
    (None, False),
    (START - timedelta(seconds=1), False),
    (START, True),
    (START + timedelta(days=3), True),
])
def test_the_student_contacted_the_provider_after_the_start(wrote_at, contacted):
    assert contacted_after_start(START, wrote_at) is contacted


def test_no_contact_is_known_for_a_lesson_without_a_time():
    assert contacted_after_start(None, START) is False
