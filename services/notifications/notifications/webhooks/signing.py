"""The Standard Webhooks signature (https://www.standardwebhooks.com): HMAC-SHA256 over
`<webhook-id>.<webhook-timestamp>.<body>` with the secret's bytes, base64, as `v1,<signature>`.
During a secret rotation every live secret signs, space-separated, and either one verifies."""

import base64
import hashlib
import hmac
import secrets

PREFIX = "whsec_"


def new_secret() -> str:
    return PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def signature(secret: str, message_id: str, timestamp: int, body: str) -> str:
    key = base64.b64decode(secret.removeprefix(PREFIX))
    digest = hmac.new(key, f"{message_id}.{timestamp}.{body}".encode(), hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def signed_headers(live_secrets: list[str], message_id: str, timestamp: int, body: str) -> dict[str, str]:
    return {
        "content-type": "application/json",
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": " ".join(signature(s, message_id, timestamp, body) for s in live_secrets),
    }


def verify(secret: str, headers: dict[str, str], body: str, now: int, tolerance_s: int = 300) -> bool:
    """What a partner does on receipt: a recent timestamp and one matching signature."""
    timestamp = int(headers["webhook-timestamp"])
    if abs(now - timestamp) > tolerance_s:
        return False
    expected = signature(secret, headers["webhook-id"], timestamp, body)
    return any(hmac.compare_digest(expected, given) for given in headers["webhook-signature"].split())
