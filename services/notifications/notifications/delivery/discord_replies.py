"""What Discord's answer to a webhook post means for the delivery (NOTES.md, "Email and Discord")."""

import json
from collections.abc import Mapping

from notifications.delivery.outcomes import Delivered, Gone, Outcome, Refused, RetryLater

_UNKNOWN_WAIT_S = 1.0


def discord_outcome(status: int, headers: Mapping[str, str], body: bytes) -> Outcome:
    if 200 <= status < 300:
        return Delivered(pause_s=_bucket_pause(headers))
    if status == 429:
        wait = _retry_after(headers, body)
        return RetryLater(f"Discord rate limit (429): retry after {wait:g}s", wait_s=wait)
    if status == 404:
        return Gone(f"Discord: the webhook no longer exists (404 {_message(body) or 'Unknown Webhook'})")
    if status >= 500:
        return RetryLater(f"Discord answered {status}")
    # 400/401/403 and the rest: a retry gets the same answer, and many 401/403s get the caller banned.
    return Refused(f"Discord refused the message ({status} {_message(body)})".strip())


def _retry_after(headers: Mapping[str, str], body: bytes) -> float:
    try:
        return max(float(json.loads(body)["retry_after"]), 0.0)
    except (ValueError, KeyError, TypeError):
        pass
    try:
        return max(float(headers.get("retry-after", "")), 0.0)
    except ValueError:
        return _UNKNOWN_WAIT_S


def _bucket_pause(headers: Mapping[str, str]) -> float | None:
    if headers.get("x-ratelimit-remaining") != "0":
        return None
    try:
        return float(headers.get("x-ratelimit-reset-after", ""))
    except ValueError:
        return _UNKNOWN_WAIT_S


def _message(body: bytes) -> str:
    try:
        return str(json.loads(body).get("message", ""))
    except (ValueError, AttributeError):
        return ""
