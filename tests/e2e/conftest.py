"""What the end-to-end tests share: a partner's first steps against a running gateway (fixtures, since
the test modules are not importable from one another)."""

import asyncio
import contextlib
import re
import time
import uuid
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime

import asyncpg
import httpx
import pytest

from devstack import Stack, StackError, free_base_port
from shared.database import asyncpg_dsn


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


class CardForm:
    """A partner's card form, as a card processor's browser library runs it: the card goes to the
    processor (the sandbox's route on the wallet, never through the gateway), only the single-use token
    it answers goes to the gateway. Remembers every card and token it handled, so that a test can look
    for them in the services' logs and databases (`card_data_kept`)."""

    CVC = "9731"  # four digits nothing else in the stack would write next to a card-like key

    def __init__(self, processor_url: str):
        self.processor_url = processor_url
        self.numbers: set[str] = set()
        self.tokens: list[str] = []

    def tokenize(self, number: str) -> str:
        grouped = " ".join(number[i:i + 4] for i in range(0, len(number), 4))  # as a student types it
        answer = httpx.post(f"{self.processor_url}/sandbox-processor/v1/tokens", timeout=10,
                            headers={"Origin": "https://partner.example"},
                            json={"number": grouped, "exp_month": 12, "exp_year": datetime.now(UTC).year + 3,
                                  "cvc": self.CVC})
        assert answer.status_code == 201, answer.text
        self.numbers.add(number)
        self.tokens.append(answer.json()["token"])
        return self.tokens[-1]

    def save(self, user, number: str) -> str:
        """The student's new payment method (`pm_...`), saved through the gateway by its token."""
        return user.ok("POST", "/v1/payment-methods", {"token": self.tokenize(number)}, 201)["id"]


@pytest.fixture(scope="session")
def card_form():
    """`CardForm(stack.url("wallet"))`: the card form of a partner's page."""
    return CardForm


_TEXT_COLUMNS = """
    SELECT table_name, column_name, data_type FROM information_schema.columns
    WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb',
                                                    'bytea', 'ARRAY')"""


async def _stored_texts(database_url: str) -> list[str]:
    conn = await asyncpg.connect(asyncpg_dsn(database_url))
    try:
        texts = []
        for table, column, data_type in await conn.fetch(_TEXT_COLUMNS):
            as_text = f'encode("{column}", \'escape\')' if data_type == "bytea" else f'"{column}"::text'
            query = f'SELECT {as_text} FROM "{table}" WHERE "{column}" IS NOT NULL'
            texts += [row[0] for row in await conn.fetch(query)]
        return texts
    finally:
        await conn.close()


def card_data_kept(stack: Stack, cards: CardForm) -> list[str]:
    """Where a card number (as typed, grouped or bare), the security code next to a card-like key or a
    card token is found: any line of any log of the stack's processes, any text, JSON or binary value of
    any table of any service's database. Empty when none is."""
    spellings = set()
    for number in cards.numbers:
        grouped = " ".join(number[i:i + 4] for i in range(0, len(number), 4))
        spellings |= {number, grouped, grouped.replace(" ", "-")}
    code_near_a_card_key = re.compile(rf"(?i)(cvc|cvv|csc|security.?code)\W{{0,8}}{cards.CVC}")
    sources = {f"log {path.name}": path.read_text(errors="replace").splitlines()
               for path in sorted(stack.logs_dir.glob("*.log"))}
    assert any("http.request" in line for line in sources.get("log gateway.log", [])), "the logs are there"
    for service in stack.services:
        sources[f"database of {service}"] = asyncio.run(_stored_texts(stack.database_url(service)))
    found = []
    for source, texts in sources.items():
        for text in texts:
            if any(secret in text for secret in (*spellings, *cards.tokens)) or code_near_a_card_key.search(text):
                found.append(f"{source}: {text[:300]}")
    return found


@pytest.fixture(scope="session")
def card_data_finder():
    """`card_data_kept(stack, cards)`: every place a card's number, code or token was kept."""
    return card_data_kept
