from notifications.lessons.status import LessonStatus, advance, stands, statuses_advancing_to

S = LessonStatus


def test_a_status_moves_forward_whatever_order_the_events_come_in():
    assert advance(S.REQUESTED, S.CONFIRMED) is S.CONFIRMED
    assert advance(S.CONFIRMED, S.REQUESTED) is S.CONFIRMED
    assert advance(S.AWAITING_ACCEPTANCE, S.REQUESTED) is S.AWAITING_ACCEPTANCE


def test_an_end_is_final():
    assert advance(S.DECLINED, S.CONFIRMED) is S.DECLINED
    assert advance(S.DELIVERED, S.CONFIRMED) is S.DELIVERED
    assert advance(S.CONFIRMED, S.RELEASED) is S.RELEASED
    assert advance(S.CONFIRMED, S.CANCELLED) is S.CANCELLED and advance(S.CANCELLED, S.CONFIRMED) is S.CANCELLED


def test_only_a_confirmed_lesson_stands():
    assert [s for s in S if stands(s)] == [S.CONFIRMED]


def test_the_store_applies_advance_as_a_table():
    for reported in S:
        assert set(statuses_advancing_to(reported)) == {s.value for s in S if advance(s, reported) is reported}
    assert statuses_advancing_to(S.CONFIRMED) == ["requested", "awaiting_acceptance", "confirmed"]
    assert statuses_advancing_to(S.CANCELLED) == ["requested", "awaiting_acceptance", "confirmed", "cancelled"]
