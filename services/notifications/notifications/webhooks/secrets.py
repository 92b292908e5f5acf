"""An endpoint's signing secrets: the current one, and after a rotation the previous one for a
while, so the partner's verifier keeps working while it switches over."""

from datetime import datetime, timedelta

from notifications.clock import utcnow
from notifications.webhooks.models import Endpoint
from notifications.webhooks.signing import new_secret


def live_secrets(endpoint: Endpoint, now: datetime) -> list[str]:
    if endpoint.previous_secret and endpoint.previous_secret_until and endpoint.previous_secret_until > now:
        return [endpoint.secret, endpoint.previous_secret]
    return [endpoint.secret]


def rotate(endpoint: Endpoint, overlap: timedelta) -> None:
    now = utcnow()
    endpoint.previous_secret, endpoint.previous_secret_until = endpoint.secret, now + overlap
    endpoint.secret, endpoint.updated_at = new_secret(), now


def hint(secret: str) -> str:
    return secret[:10] + "…"
