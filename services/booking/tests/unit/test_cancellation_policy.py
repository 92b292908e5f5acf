"""What a cancellation refunds (CX-1 to CX-3) and where the refund goes, without I/O."""

from datetime import UTC, datetime, timedelta

import pytest

from booking.cancellations.policy import RefundChoice, by_provider, by_staff, by_student, decide, exception_amount
from booking.cancellations.refund_form import refund_form
from booking.policies.presets import preset
from shared.errors import Unprocessable

LESSONS, THERAPY, STUDIO = preset("lessons"), preset("therapy"), preset("studio")
STARTS = datetime(2027, 3, 28, 8, 0, tzinfo=UTC)
SECOND = timedelta(seconds=1)


@pytest.mark.parametrize(("terms", "hours"), [(LESSONS, 24), (THERAPY, 48)])
def test_notice_exactly_at_the_window_refunds_in_full_and_a_second_later_nothing(terms, hours):
    boundary = STARTS - timedelta(hours=hours)
    assert by_student(terms, 5000, STARTS, boundary - SECOND).amount_minor == 5000
    at = by_student(terms, 5000, STARTS, boundary)
    assert (at.amount_minor, at.decided_by, at.rule) == (5000, "policy", "notice_given")
    inside = by_student(terms, 5000, STARTS, boundary + SECOND)
    assert (inside.amount_minor, inside.rule, inside.kept(5000)) == (0, "inside_notice_window", 5000)


def test_without_a_notice_window_any_time_before_the_start_is_notice_enough():
    assert by_student(STUDIO, 5000, STARTS, STARTS - SECOND).amount_minor == 5000


def test_the_provider_chooses_for_a_cancellation_the_student_asked_for():
    assert by_provider(5000, "student", RefundChoice("none")).amount_minor == 0
    partial = by_provider(5000, "student", RefundChoice("partial", 1500))
    assert (partial.amount_minor, partial.decided_by, partial.rule) == (1500, "provider", "provider_choice")
    with pytest.raises(Unprocessable) as missing:
        by_provider(5000, "student", None)
    assert missing.value.extensions["errors"][0]["field"] == "refund"
    for amount in (0, 5000, 6000):
        with pytest.raises(Unprocessable, match=r"refund\.amount_minor"):
            by_provider(5000, "student", RefundChoice("partial", amount))


def test_a_cancellation_the_provider_caused_is_always_refunded_in_full():
    caused = by_provider(5000, "provider", None)
    assert (caused.amount_minor, caused.decided_by, caused.rule) == (5000, "policy", "provider_caused")
    with pytest.raises(Unprocessable, match="always refunded in full"):
        by_provider(5000, "provider", RefundChoice("none"))


def test_staff_decide_the_refund_only_when_the_lesson_is_under_48_hours_away():
    far = STARTS - timedelta(hours=48)
    assert by_staff(5000, "student", None, STARTS, far).rule == "48h_or_more_ahead"
    with pytest.raises(Unprocessable, match="48 hours or more away"):
        by_staff(5000, "student", RefundChoice("none"), STARTS, far)
    with pytest.raises(Unprocessable, match="less than 48 hours away"):
        by_staff(5000, "student", None, STARTS, far + SECOND)
    near = by_staff(5000, "student", RefundChoice("partial", 2500), STARTS, far + SECOND)
    assert (near.amount_minor, near.decided_by) == (2500, "staff")
    assert by_staff(5000, "provider", None, STARTS, STARTS - SECOND).amount_minor == 5000


def test_the_student_neither_names_a_cause_nor_chooses_a_refund_and_the_others_must_name_one():
    with pytest.raises(Unprocessable, match="refund"):
        decide("student", LESSONS, 5000, STARTS, STARTS - timedelta(days=3), None, RefundChoice("full"))
    with pytest.raises(Unprocessable, match="cause"):
        decide("provider", LESSONS, 5000, STARTS, STARTS - timedelta(days=3), None, RefundChoice("full"))


def test_an_exception_gives_back_all_or_part_of_what_is_kept():
    assert exception_amount(3500, RefundChoice("full")) == 3500
    assert exception_amount(3500, RefundChoice("partial", 3500)) == 3500
    with pytest.raises(Unprocessable, match="at most what the provider still keeps, 3500"):
        exception_amount(3500, RefundChoice("partial", 3501))
    with pytest.raises(Unprocessable, match=r"refund\.kind"):
        exception_amount(3500, RefundChoice("none"))


def test_refunds_go_to_credits_unless_staff_send_a_card_payment_back_in_time():
    bought, now = STARTS - timedelta(days=40), STARTS - timedelta(days=20)
    assert refund_form("credits", "card", bought, LESSONS, now) == "credits"
    assert refund_form("card", "card", bought, LESSONS, now) == "card"
    with pytest.raises(Unprocessable, match="paid with credits"):
        refund_form("card", "credits", bought, LESSONS, now)
    with pytest.raises(Unprocessable, match="30 days after the purchase"):
        refund_form("card", "card", bought, LESSONS, bought + timedelta(days=30) + SECOND)
