"""A reschedule request's state machine (RS-2), without I/O."""

from datetime import UTC, datetime, timedelta

import pytest

from booking.rescheduling.lifecycle import (
    NotYourTurn,
    RequestClosed,
    RequestStatus,
    after_approval,
    first_status,
    require_turn,
)

S = RequestStatus
TEN = datetime(2027, 1, 4, 10, tzinfo=UTC)
ELEVEN = TEN + timedelta(hours=1)


def test_a_request_awaits_the_other_party():
    assert first_status("student") is S.AWAITING_PROVIDER and first_status("provider") is S.AWAITING_STUDENT
    require_turn(S.AWAITING_PROVIDER, "provider")
    require_turn(S.AWAITING_STUDENT, "student")


@pytest.mark.parametrize(("status", "party"), [(S.AWAITING_PROVIDER, "student"), (S.AWAITING_STUDENT, "provider")])
def test_the_asker_cannot_answer_their_own_request(status, party):
    with pytest.raises(NotYourTurn) as refused:
        require_turn(status, party)
    assert refused.value.status == 409 and refused.value.extensions["awaiting"] != party


@pytest.mark.parametrize("status", [S.AGREED, S.DECLINED, S.LAPSED, S.SUPERSEDED])
def test_a_closed_request_takes_no_answer(status):
    with pytest.raises(RequestClosed) as refused:
        require_turn(status, "student")
    assert refused.value.extensions["current_status"] == status.value


@pytest.mark.parametrize(("student", "provider", "expected"), [
    (TEN, None, (S.AGREED, TEN)),  # the provider agrees to the student's time
    (TEN, TEN, (S.AGREED, TEN)),
    (TEN, ELEVEN, (S.AWAITING_STUDENT, ELEVEN)),  # a counter-proposal: the student picks
    (None, ELEVEN, (S.AWAITING_STUDENT, ELEVEN)),
    (None, None, (S.AWAITING_STUDENT, None)),  # agreed in principle: the student picks
])
def test_an_approval_moves_the_lesson_only_to_a_time_both_named(student, provider, expected):
    assert after_approval(student, provider) == expected
