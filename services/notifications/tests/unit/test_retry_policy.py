from notifications.delivery.models import DeliveryStatus
from notifications.delivery.outcomes import Delivered, Gone, Refused, RetryLater
from notifications.delivery.policy import after

DELAYS = [10, 60, 300]


def test_a_transient_failure_is_retried_after_the_next_delay():
    assert after(RetryLater("502"), 1, DELAYS).retry_in_s == 10
    assert after(RetryLater("502"), 3, DELAYS).retry_in_s == 300


def test_a_channel_that_says_how_long_to_wait_is_waited_for_exactly_that():
    step = after(RetryLater("429", wait_s=0.75), 1, DELAYS)
    assert (step.status, step.retry_in_s) == (DeliveryStatus.PENDING, 0.75)


def test_past_the_last_retry_the_delivery_fails_saying_so():
    step = after(RetryLater("502"), 4, DELAYS)
    assert step.status is DeliveryStatus.FAILED and step.error == "502 (gave up after 4 attempts)"


def test_a_refusal_or_a_gone_destination_fails_at_once():
    assert after(Refused("SMTP 550"), 1, DELAYS).status is DeliveryStatus.FAILED
    assert after(Gone("404"), 1, DELAYS).error == "404"


def test_delivered_is_done():
    assert after(Delivered(), 2, DELAYS).status is DeliveryStatus.SENT
