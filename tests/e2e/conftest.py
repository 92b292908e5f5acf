"""What the end-to-end tests share: a partner's first steps against a running gateway (fixtures, since
the test modules are not importable from one another)."""

import contextlib
import time
import uuid
from collections.abc import Iterator, Mapping

import httpx
import pytest

from devstack import Stack, StackError, free_base_port


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


# Fast relay and timer polls: the saga's steps follow each other within a fraction of a second.
FAST_POLLS = {"OUTBOX_POLL_INTERVAL_S": "0.2", "TIMER_POLL_INTERVAL_S": "0.2"}


@contextlib.contextmanager
def running_stack(infra, name: str, state_dir, settings: Mapping[str, str] | None = None) -> Iterator[Stack]:
    """Every service as its own process, with databases `<name>_<service>`, AMQP namespace `<name>`
    (with '-' for '_') and free ports of its own; stopped, dropped and deleted at the end."""
    stack = Stack(db_prefix=name, amqp_namespace=name.replace("_", "-"), base_port=free_base_port(),
                  state_dir=state_dir, postgres_url=infra.postgres_url, amqp_url=infra.amqp_url, log_json=True,
                  settings={**FAST_POLLS, **(settings or {})})
    try:
        try:
            stack.start()
        except StackError as exc:
            pytest.fail(f"the stack did not start:\n{exc}", pytrace=False)
        yield stack
    finally:
        stack.stop()
        stack.destroy()


@pytest.fixture(scope="session")
def start_stack(infra, run_id, tmp_path_factory):
    """`with start_stack("flow") as stack:` a stack of this run's own (databases e2e_<run id>_flow_*)."""

    def start(name: str, settings: Mapping[str, str] | None = None):
        return running_stack(infra, f"e2e_{run_id}_{name}", tmp_path_factory.mktemp(f"stack-{name}"), settings)

    return start
