"""The lesson status from booking's events, and the contact-first fact, without I/O."""

from datetime import UTC, datetime, timedelta

import pytest

from disputes.contacts.rule import contacted_after_start
from disputes.lessons.status import LessonStatus, advance, replaced_by

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


@pytest.mark.parametrize("reported", list(S))
def test_the_statuses_a_status_replaces_are_those_it_advances_from(reported):
    # What the lesson row's upsert applies under its lock: the rule above, for every current status.
    for current in S:
        assert (current in replaced_by(reported)) is (advance(current, reported) is reported)
    assert replaced_by(S.REQUESTED) == {S.REQUESTED} and replaced_by(S.CONFIRMED) == {S.REQUESTED, S.CONFIRMED}
    assert replaced_by(S.DECLINED) == {S.REQUESTED, S.CONFIRMED, S.DECLINED}


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
