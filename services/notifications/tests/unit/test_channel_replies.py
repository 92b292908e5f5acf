"""What Discord's, an SMTP server's and a partner's answers mean for a delivery."""

import json

from notifications.delivery.discord_replies import discord_outcome
from notifications.delivery.email import smtp_outcome
from notifications.delivery.outcomes import Delivered, Gone, Refused, RetryLater
from notifications.webhooks.sender import partner_outcome


def test_discord_success_with_an_empty_bucket_pauses_the_webhook():
    assert discord_outcome(200, {"x-ratelimit-remaining": "3"}, b"{}") == Delivered()
    empty = {"x-ratelimit-remaining": "0", "x-ratelimit-reset-after": "1.25"}
    assert discord_outcome(204, empty, b"") == Delivered(pause_s=1.25)


def test_discord_429_waits_the_bodys_retry_after_else_the_header():
    body = json.dumps({"message": "You are being rate limited.", "retry_after": 0.64, "global": False}).encode()
    assert discord_outcome(429, {"retry-after": "1"}, body).wait_s == 0.64
    assert discord_outcome(429, {"retry-after": "3"}, b"not json").wait_s == 3.0


def test_discord_404_is_a_webhook_gone_and_5xx_is_worth_a_retry():
    gone = discord_outcome(404, {}, json.dumps({"message": "Unknown Webhook", "code": 10015}).encode())
    assert isinstance(gone, Gone) and "Unknown Webhook" in gone.error
    assert isinstance(discord_outcome(502, {}, b""), RetryLater)


def test_discord_401_and_400_are_never_retried():
    assert isinstance(discord_outcome(401, {}, b'{"message": "Invalid Webhook Token"}'), Refused)
    assert isinstance(discord_outcome(400, {}, b"{}"), Refused)


def test_smtp_5xx_is_final_and_4xx_asks_to_come_back():
    assert smtp_outcome(550, "No such user") == Refused("SMTP 550 No such user")
    assert isinstance(smtp_outcome(451, "Try later"), RetryLater)


def test_a_partner_is_retried_on_anything_but_2xx_and_410():
    assert partner_outcome(204, {}) == Delivered()
    assert isinstance(partner_outcome(410, {}), Gone)
    assert partner_outcome(503, {"retry-after": "7"}) == RetryLater("the endpoint answered 503", wait_s=7.0)
    assert partner_outcome(400, {}) == RetryLater("the endpoint answered 400")
