"""RF-2's conditions and the contact-first rule (DS-4) as plain functions: no database, no broker."""

from datetime import UTC, datetime, timedelta

import pytest

from wallet.card_refunds import eligibility
from wallet.card_refunds.problems import (
    AmountAboveRefundable,
    CardRefundWindowClosed,
    NothingLeftToRefund,
    NotPaidByCard,
    StudentHasNotContactedProvider,
)
from wallet.contacts.rule import has_contacted

START = datetime(2026, 11, 1, 10, 0, tzinfo=UTC)


@pytest.mark.rule("RF-2")
@pytest.mark.rule("DS-4")
def test_only_a_message_at_or_after_the_lessons_start_is_contact():
    assert has_contacted(START + timedelta(minutes=5), START)
    assert has_contacted(START, START)
    assert not has_contacted(START - timedelta(minutes=1), START)
    assert not has_contacted(None, START)
    assert not has_contacted(START, None)  # a lesson whose start the wallet never heard of


@pytest.mark.rule("RF-2")
def test_only_a_card_payment_goes_back_to_the_card():
    eligibility.check_paid_by_card("card")
    with pytest.raises(NotPaidByCard) as refused:
        eligibility.check_paid_by_card("credits")
    assert refused.value.slug == "not-paid-by-card" and "credits" in refused.value.detail


@pytest.mark.rule("RF-2")
def test_the_window_is_thirty_days_from_the_purchase():
    captured = START
    eligibility.check_window(captured, captured + timedelta(days=30), 30)
    with pytest.raises(CardRefundWindowClosed) as refused:
        eligibility.check_window(captured, captured + timedelta(days=30, seconds=1), 30)
    assert refused.value.slug == "card-refund-window-closed" and "30 days" in refused.value.detail


@pytest.mark.rule("RF-2")
@pytest.mark.rule("DS-4")
def test_no_contact_is_its_own_refusal():
    eligibility.check_contacted(True)
    with pytest.raises(StudentHasNotContactedProvider) as refused:
        eligibility.check_contacted(False)
    assert refused.value.slug == "student-has-not-contacted-provider"


@pytest.mark.rule("RF-3")
def test_what_is_left_is_bounded_by_the_card_payment_and_by_escrow():
    assert eligibility.refundable_minor(paid_by_card=2000, refunded_to_card=0, held_in_escrow=2000) == 2000
    assert eligibility.refundable_minor(2000, 500, 1500) == 1500
    assert eligibility.refundable_minor(2000, 0, 1200) == 1200  # 800 went back as credits
    assert eligibility.refundable_minor(2000, 0, 0) == 0  # paid out to the provider


@pytest.mark.rule("RF-3")
def test_the_amount_defaults_to_all_that_is_left_and_never_exceeds_it():
    assert eligibility.amount_to_refund(None, 1500) == 1500
    assert eligibility.amount_to_refund(700, 1500) == 700
    with pytest.raises(AmountAboveRefundable) as above:
        eligibility.amount_to_refund(1501, 1500)
    assert above.value.extensions["errors"][0]["field"] == "amount_minor"
    with pytest.raises(NothingLeftToRefund):
        eligibility.amount_to_refund(None, 0)
