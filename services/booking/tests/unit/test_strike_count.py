"""PS-1 without I/O: which strikes count, and when they suspend; the suspended standing."""

from datetime import UTC, datetime, timedelta

import pytest

from booking.providers.standing import (
    PausedBy,
    ProviderStatus,
    Standing,
    StandingChangeKind,
    StandingConflict,
    change_kind,
)
from booking.providers.strike_count import StrikeRecord, counted, counting_since, suspends

NOW = datetime(2026, 11, 21, 12, tzinfo=UTC)
ACTIVE, SUSPENDED = Standing(ProviderStatus.ACTIVE), Standing(ProviderStatus.SUSPENDED)


def days_ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


@pytest.mark.rule("PS-1")
def test_strikes_count_within_the_window_only():
    since = counting_since(NOW, 90, reset_at=None)
    assert since == days_ago(90)
    strikes = [StrikeRecord("old", days_ago(90.01)), StrikeRecord("edge", days_ago(90)),
               StrikeRecord("new", days_ago(1))]
    assert [s.id for s in counted(strikes, since)] == ["edge", "new"]


@pytest.mark.rule("PS-1")
def test_after_a_reinstatement_only_later_strikes_count():
    reinstated = days_ago(10)
    assert counting_since(NOW, 90, reset_at=reinstated) == reinstated
    assert counting_since(NOW, 90, reset_at=days_ago(200)) == days_ago(90)  # an old reinstatement changes nothing
    strikes = [StrikeRecord("before", days_ago(11)), StrikeRecord("after", days_ago(2))]
    assert [s.id for s in counted(strikes, counting_since(NOW, 90, reinstated))] == ["after"]


@pytest.mark.rule("PS-1")
@pytest.mark.parametrize(("standing", "strikes", "expected"), [
    (ACTIVE, 2, False), (ACTIVE, 3, True), (ACTIVE, 4, True),
    (Standing(ProviderStatus.PAUSED, PausedBy.PROVIDER), 3, True),
    (Standing(ProviderStatus.PAUSED, PausedBy.STAFF), 3, True),
    (SUSPENDED, 5, False),  # once: a suspended provider is not suspended again
])
def test_the_threshold_suspends_a_provider_not_suspended_yet(standing, strikes, expected):
    assert suspends(standing, strikes, threshold=3) is expected


@pytest.mark.rule("PS-1")
def test_a_suspension_is_lifted_only_by_staff_and_named_in_the_history():
    paused = ACTIVE.paused_by_provider()
    suspended = paused.suspended()
    assert (suspended.status, suspended.paused_by, suspended.bookable) == (ProviderStatus.SUSPENDED, None, False)
    with pytest.raises(StandingConflict):
        suspended.suspended()
    with pytest.raises(StandingConflict):
        suspended.resumed_by_provider()
    assert change_kind(paused, suspended, "platform") is StandingChangeKind.SUSPENDED
    assert change_kind(suspended, suspended.reactivated_by_staff(), "staff") is StandingChangeKind.REINSTATED
    assert change_kind(paused, ACTIVE, "provider") is StandingChangeKind.RESUMED
    assert change_kind(paused.paused_by_staff(), ACTIVE, "staff") is StandingChangeKind.REACTIVATED
    assert change_kind(ACTIVE, paused, "provider") is StandingChangeKind.PAUSED
