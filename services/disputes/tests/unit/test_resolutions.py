"""DS-1's and DS-3's money, without I/O: the refund a resolution means, and the resolution a
staff decision's refund means."""

import pytest

from disputes.proposals.resolutions import (
    InvalidRefund,
    LessonPriceUnknown,
    Resolution,
    refund_for,
    resolution_of_refund,
)

R = Resolution


@pytest.mark.parametrize(("resolution", "asked", "refund"), [
    (R.RESCHEDULE, None, None),
    (R.FULL_PAYMENT_TO_PROVIDER, None, 0),
    (R.FULL_PAYMENT_TO_PROVIDER, 0, 0),
    (R.FULL_REFUND_TO_STUDENT, None, 5000),
    (R.FULL_REFUND_TO_STUDENT, 5000, 5000),
    (R.SPLIT, 1, 1),
    (R.SPLIT, 4999, 4999),
])
def test_the_refund_of_each_resolution(resolution, asked, refund):
    assert refund_for(resolution, asked, 5000) == refund


@pytest.mark.parametrize(("resolution", "asked"), [
    (R.RESCHEDULE, 0), (R.FULL_PAYMENT_TO_PROVIDER, 100), (R.FULL_REFUND_TO_STUDENT, 4000),
    (R.SPLIT, None), (R.SPLIT, 0), (R.SPLIT, 5000), (R.SPLIT, 7000),
])
def test_an_amount_that_contradicts_the_resolution_is_refused_naming_the_field(resolution, asked):
    with pytest.raises(InvalidRefund) as refused:
        refund_for(resolution, asked, 5000)
    assert refused.value.status == 422 and refused.value.extensions["field"] == "refund_minor"


def test_money_needs_the_lessons_price_and_a_reschedule_does_not():
    assert refund_for(R.RESCHEDULE, None, None) is None
    with pytest.raises(LessonPriceUnknown):
        refund_for(R.SPLIT, 100, None)


@pytest.mark.parametrize(("refund", "resolution"), [
    (0, R.FULL_PAYMENT_TO_PROVIDER), (1, R.SPLIT), (4999, R.SPLIT), (5000, R.FULL_REFUND_TO_STUDENT),
])
def test_a_staff_decision_is_any_split_of_the_price(refund, resolution):
    assert resolution_of_refund(refund, 5000) is resolution


def test_a_staff_decision_stays_within_the_price():
    with pytest.raises(InvalidRefund):
        resolution_of_refund(5001, 5000)
