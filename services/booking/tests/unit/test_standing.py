"""Pausing and reactivating providers (BK-5), without I/O."""

import pytest

from booking.providers.standing import PausedBy, ProviderStatus, Standing, StandingConflict

ACTIVE = Standing(ProviderStatus.ACTIVE)


def test_a_provider_pauses_and_resumes_themselves():
    paused = ACTIVE.paused_by_provider()
    assert (paused.status, paused.paused_by, paused.bookable) == (ProviderStatus.PAUSED, PausedBy.PROVIDER, False)
    assert paused.resumed_by_provider() == ACTIVE and ACTIVE.bookable


def test_a_pause_by_staff_is_only_lifted_by_staff():
    paused = ACTIVE.paused_by_provider().paused_by_staff()
    assert paused.paused_by is PausedBy.STAFF
    with pytest.raises(StandingConflict) as refused:
        paused.resumed_by_provider()
    assert refused.value.slug == "paused-by-staff"
    assert paused.reactivated_by_staff() == ACTIVE


def test_suspended_providers_are_not_bookable_and_only_staff_reactivate_them():
    suspended = Standing(ProviderStatus.SUSPENDED)
    assert not suspended.bookable
    for change in (suspended.resumed_by_provider, suspended.paused_by_provider, suspended.paused_by_staff):
        with pytest.raises(StandingConflict, match="suspended"):
            change()
    assert suspended.reactivated_by_staff() == ACTIVE


def test_changes_that_change_nothing_are_conflicts_naming_the_status():
    with pytest.raises(StandingConflict) as refused:
        ACTIVE.reactivated_by_staff()
    assert refused.value.extensions == {"current_status": "active"}
    with pytest.raises(StandingConflict):
        ACTIVE.resumed_by_provider()
