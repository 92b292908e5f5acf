"""Missed lessons and dispute money without I/O: the grace period and promo expiry from the terms,
which remedies the wallet is told of, how a report's price splits, which endings mark, and the
final states of the lifecycle."""

from datetime import UTC, datetime, timedelta

import pytest

from booking.bookings.lifecycle import HOLDS_SLOT, BookingStateConflict, BookingStatus, Step, can, next_status
from booking.misses.remedies import MissRemedy, grace_ends_at, promo_expires_at
from booking.policies.presets import preset
from booking.providers.marks import gives_mark
from booking.settlements.split import Split, settles, split_price

AT = datetime(2026, 11, 21, 9, tzinfo=UTC)
S = BookingStatus


@pytest.mark.rule("MS-3")
def test_the_grace_period_comes_from_the_terms():
    terms = preset("lessons")
    assert grace_ends_at(AT, terms) == AT + timedelta(hours=72)
    assert grace_ends_at(AT, terms.model_copy(update={"miss_grace_hours": 0})) == AT


@pytest.mark.rule("PC-1")
def test_a_promo_code_expires_by_the_terms():
    assert promo_expires_at(AT, preset("coaching")) == AT + timedelta(days=90)
    assert promo_expires_at(AT, preset("coaching").model_copy(update={"promo_code_valid_days": 7})) == \
        AT + timedelta(days=7)


@pytest.mark.rule("MS-2")
@pytest.mark.rule("MS-3")
def test_only_the_remedies_the_wallet_carries_out_are_announced():
    assert {r for r in MissRemedy if r.announced} == {
        MissRemedy.PROMO_CODE, MissRemedy.CREDIT_REFUND, MissRemedy.PLATFORM_REFUND}


@pytest.mark.rule("MS-2")
@pytest.mark.rule("DS-3")
@pytest.mark.parametrize("current", [S.CONFIRMED, S.DELIVERED])
def test_missed_and_settled_lessons_are_final_and_never_delivered(current):
    for step, final in ((Step.MISS_RESOLVED, S.MISSED), (Step.DISPUTE_SETTLED, S.SETTLED)):
        assert next_status(current, step) is final
        assert final not in HOLDS_SLOT  # the lesson is over
        for later in Step:
            assert not can(final, later)
    with pytest.raises(BookingStateConflict):
        next_status(S.CANCELLED, Step.MISS_RESOLVED)


@pytest.mark.rule("DS-1")
@pytest.mark.rule("DS-3")
@pytest.mark.rule("RF-3")
@pytest.mark.parametrize(("resolution", "refund", "expected"), [
    ("full_refund_to_student", None, Split(5000, 0)),
    ("full_refund_to_student", 100, Split(5000, 0)),
    ("split", 2000, Split(2000, 3000)),
    ("split", 0, Split(0, 5000)),
    ("split", 7000, Split(5000, 0)),
    ("split", -5, Split(0, 5000)),
])
def test_a_reports_refund_splits_the_price_and_never_exceeds_it(resolution, refund, expected):
    assert split_price(resolution, refund, 5000) == expected


@pytest.mark.rule("DS-1")
def test_only_the_parties_or_staff_settle_a_refund_or_split_here():
    assert settles("split", "parties") and settles("full_refund_to_student", "staff")
    assert not settles("full_payment_to_provider", "staff") and not settles("reschedule", "parties")
    assert not settles("platform_refunded", "platform") and not settles("split", "provider")


@pytest.mark.rule("DS-2")
def test_every_ending_but_a_reschedule_marks():
    assert not gives_mark("reschedule")
    assert all(gives_mark(r) for r in ("split", "full_payment_to_provider", "full_refund_to_student",
                                       "provider_resolved_with_promo_code", "platform_refunded"))
