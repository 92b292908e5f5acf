"""The booking state machine and the payment state, without I/O."""

import pytest

from booking.bookings.lifecycle import HOLDS_SLOT, BookingStateConflict, BookingStatus, Step, can, next_status
from booking.bookings.payment_state import PaymentFacts, PaymentState

S = BookingStatus


@pytest.mark.parametrize(("current", "step", "expected"), [
    (S.PENDING_PAYMENT, Step.PAYMENT_CAPTURED, S.CONFIRMED),
    (S.PENDING_PAYMENT, Step.PAYMENT_FAILED, S.PAYMENT_FAILED),
    (S.AWAITING_ACCEPTANCE, Step.ACCEPTED, S.CONFIRMED),
    (S.AWAITING_ACCEPTANCE, Step.DECLINED, S.DECLINED),
    (S.AWAITING_ACCEPTANCE, Step.ACCEPTANCE_TIMED_OUT, S.DECLINED),
    (S.CONFIRMED, Step.DELIVERY_CONFIRMED, S.DELIVERED),
    (S.CONFIRMED, Step.AUTO_CONFIRMED, S.DELIVERED),
    (S.CONFIRMED, Step.CANCELLED, S.CANCELLED),
    (S.AWAITING_ACCEPTANCE, Step.CANCELLED, S.CANCELLED),
    (S.CONFIRMED, Step.RESCHEDULED, S.CONFIRMED),
])
def test_allowed_transitions(current, step, expected):
    assert can(current, step) and next_status(current, step) is expected


def test_a_capture_awaits_the_provider_where_the_terms_say_so():
    assert next_status(S.PENDING_PAYMENT, Step.PAYMENT_CAPTURED, provider_must_accept=True) is S.AWAITING_ACCEPTANCE


@pytest.mark.parametrize(("current", "step"), [
    (S.PENDING_PAYMENT, Step.ACCEPTED), (S.CONFIRMED, Step.DECLINED), (S.DELIVERED, Step.DELIVERY_CONFIRMED),
    (S.PAYMENT_FAILED, Step.PAYMENT_CAPTURED), (S.DECLINED, Step.ACCEPTANCE_TIMED_OUT),
    (S.AWAITING_ACCEPTANCE, Step.DELIVERY_CONFIRMED),
    (S.CANCELLED, Step.CANCELLED), (S.DELIVERED, Step.CANCELLED), (S.PENDING_PAYMENT, Step.CANCELLED),
    (S.CANCELLED, Step.RESCHEDULED), (S.DELIVERED, Step.RESCHEDULED), (S.AWAITING_ACCEPTANCE, Step.RESCHEDULED),
])
def test_a_wrong_state_is_a_conflict_naming_the_current_state(current, step):
    assert not can(current, step)
    with pytest.raises(BookingStateConflict) as refused:
        next_status(current, step)
    assert refused.value.status == 409 and refused.value.extensions["current_status"] == current.value
    assert f"The booking is {current}" in refused.value.detail


def test_only_live_bookings_hold_their_slot():
    assert S.PAYMENT_FAILED not in HOLDS_SLOT and S.DECLINED not in HOLDS_SLOT and S.CANCELLED not in HOLDS_SLOT
    assert {S.PENDING_PAYMENT, S.AWAITING_ACCEPTANCE, S.CONFIRMED, S.DELIVERED} == HOLDS_SLOT


@pytest.mark.parametrize(("facts", "state"), [
    (PaymentFacts(), PaymentState.PENDING),
    (PaymentFacts(failed=True), PaymentState.FAILED),
    (PaymentFacts(captured_minor=5000), PaymentState.CAPTURED),
    (PaymentFacts(captured_minor=0), PaymentState.CAPTURED),  # a free lesson is captured all the same
    (PaymentFacts(captured_minor=5000, failed=True), PaymentState.CAPTURED),  # a stale failure
    (PaymentFacts(captured_minor=5000, refunded_minor=2000), PaymentState.CAPTURED),
    (PaymentFacts(captured_minor=5000, refunded_minor=5000), PaymentState.REFUNDED),
    (PaymentFacts(refunded_minor=5000), PaymentState.REFUNDED),  # the refund's event came first
    (PaymentFacts(captured_minor=5000, paid_out_gross_minor=5000), PaymentState.PAID_OUT),
])
def test_the_payment_state_follows_from_the_facts_in_any_order(facts, state):
    assert facts.state is state
