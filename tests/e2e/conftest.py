"""What the end-to-end tests share: a partner's first steps against a running gateway (fixtures, since
the test modules are not importable from one another)."""

import time
import uuid

import httpx
import pytest


def first_steps(gateway_url: str, operator_key: str, marketplace_id: str = "acme",
                wait_s: float = 30.0) -> dict:
    """As a partner would: register a marketplace, get an API key, a user token, then read the
    marketplace through the gateway until booking has learned of it. Returns booking's answer."""
    operator = {"X-Operator-Key": operator_key}
    with httpx.Client(base_url=gateway_url, timeout=10) as client:
        created = client.post("/v1/admin/marketplaces", headers={**operator, "Idempotency-Key": uuid.uuid4().hex},
                              json={"id": marketplace_id, "name": "Acme Coaching", "policy_preset": "coaching"})
        assert created.status_code == 201, created.text
        key = client.post(f"/v1/admin/marketplaces/{marketplace_id}/api-keys",
                          headers={**operator, "Idempotency-Key": uuid.uuid4().hex})
        assert key.status_code == 201, key.text
        api_key = key.json()["key"]
        token = client.post("/v1/auth/tokens", headers={"X-Api-Key": api_key},
                            json={"user_id": "stu-1", "role": "student"})
        assert token.status_code == 201, token.text
        user = {"X-Api-Key": api_key, "Authorization": f"Bearer {token.json()['access_token']}"}
        # Booking learns of the marketplace from the gateway's event: eventually, not at once.
        deadline = time.monotonic() + wait_s
        while True:
            answer = client.get("/v1/marketplace", headers=user)
            if answer.status_code == 200 or time.monotonic() > deadline:
                break
            time.sleep(0.25)
        assert answer.status_code == 200, f"after {wait_s:.0f} s: {answer.status_code} {answer.text}"
        return answer.json()


def policy_preset(marketplace: dict) -> str:
    """The preset in booking's answer: `policy.preset`, or `policy_preset` in its first version."""
    return marketplace["policy"]["preset"] if "policy" in marketplace else marketplace["policy_preset"]


@pytest.fixture(scope="session")
def partner_first_steps():
    return first_steps


@pytest.fixture(scope="session")
def preset_of():
    return policy_preset
