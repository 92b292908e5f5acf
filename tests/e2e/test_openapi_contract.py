"""The gateway's OpenAPI document is the contract: Schemathesis generates requests for every operation
from it (valid and invalid ones) and sends them to the whole stack, running as processes. Every answer
must be documented (its status and content type) and valid against its schema, and none may be a 5xx.

Bounded for CI: a few examples per operation, derandomized (the same requests every run), no example
database; an operation that can't be fuzzed by request and answer (the endless event stream) is left out.
"""

import time
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta

import httpx
import jsonschema_rs
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.errors import FailureGroup

from devstack.partner import Partner, User

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(600)]

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES_PER_OPERATION = 20
# An event stream never ends: a request and its whole answer can't be had.
NOT_FUZZED = ("/v1/stream",)
CHANGING_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

# What was sent, for the figures printed at the end: cases per operation and the statuses answered.
sent: Counter = Counter()
answered: Counter = Counter()


@pytest.fixture(scope="module")
def stack(start_stack):
    # Limits far above what the test sends: a 429 is documented, but it would stop the requests short
    # of the services.
    with start_stack("contract", {"RATE_LIMIT_PER_USER": "100000/minute",
                                  "RATE_LIMIT_PER_KEY": "100000/minute"}) as stack:
        yield stack


class Callers:
    """The credentials of a marketplace's backend and of one user of each role, and which of them a
    partner's frontend would send to each operation."""

    def __init__(self, operator_key: str, partner: Partner, users: dict[str, User]):
        self.operator = {"X-Operator-Key": operator_key}
        self.partner_key = {"X-Api-Key": partner.api_key}
        self.users = users

    def headers_for(self, operation) -> dict[str, str]:
        path = operation.path
        if path.startswith("/v1/admin/"):
            return dict(self.operator)
        if path == "/v1/auth/tokens":
            return dict(self.partner_key)
        return dict(self.users[self._role_for(operation)].headers)

    @staticmethod
    def _role_for(operation) -> str:
        """The role the operation's summary names ("Staff: ...", "Provider: ..."), or a provider's own
        pages; anything else as a student, the most common caller."""
        summary = operation.definition.raw.get("summary", "")
        for role in ("staff", "provider", "student"):
            if summary.lower().startswith(role):
                return role
        return "provider" if operation.path.startswith(("/v1/providers/me", "/v1/offerings")) else "student"


@pytest.fixture(scope="module")
def client(stack):
    with httpx.Client(base_url=stack.gateway_url, timeout=10) as client:
        yield client


@pytest.fixture(scope="module")
def callers(stack, client) -> Callers:
    partner = Partner(client, stack.keys.operator_key, "contract", "coaching", {})
    users = {role: partner.user(f"{role}-1", role) for role in ("student", "provider", "staff")}
    partner.policy_when_booking_knows_it(users["student"])
    return Callers(stack.keys.operator_key, partner, users)


@pytest.fixture(scope="module")
def known_ids(callers) -> dict[str, str]:
    """Ids of things that exist, by path parameter: valid requests name them, to reach past the 404 of
    an unknown id into the operations themselves (invalid ones keep generated ids)."""
    provider, student = callers.users["provider"], callers.users["student"]
    provider.ok("PUT", "/v1/providers/me", {"display_name": "Ada", "timezone": "Europe/Berlin",
                                            "lesson_kinds": ["guitar"]}, 201)
    provider.ok("PUT", "/v1/providers/me/availability",
                [{"weekday": day, "start": "09:00", "end": "17:00"} for day in range(1, 8)])
    offering = provider.ok("POST", "/v1/offerings", {
        "kind": "guitar", "title": "Guitar, 60 minutes", "duration_minutes": 60,
        "price": {"amount_minor": 4000, "currency": "EUR"}}, 201)
    now = datetime.now(UTC)
    week = {"offering_id": offering["id"], "from": _stamp(now + timedelta(days=2)),
            "to": _stamp(now + timedelta(days=9))}
    slots = student.ok("GET", "/v1/slots", week)["slots"]
    # Paid with credits the student doesn't have: the booking exists, its payment fails.
    booking = student.book(offering["id"], slots[0]["starts_at"])
    assert booking.status_code == 201, booking.text
    thread = student.ok("POST", "/v1/chats", {"counterpart_id": provider.user_id})
    return {"marketplace_id": "contract", "provider_id": provider.user_id, "offering_id": offering["id"],
            "booking_id": booking.json()["id"], "thread_id": thread["id"]}


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


@pytest.fixture(scope="module")
def document(stack) -> dict:
    answer = httpx.get(f"{stack.gateway_url}/openapi.json")
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_the_document_describes_every_operation(document):
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    components = document["components"]
    described = {tag["name"] for tag in document["tags"] if tag.get("description")}
    for path, item in document["paths"].items():
        for method, operation in item.items():
            label = f"{method.upper()} {path}"
            assert set(operation["tags"]) <= described, label
            assert {"401", "500", "503"} <= set(operation["responses"]) or not path.startswith("/v1/"), label
            for status, answer in operation["responses"].items():
                assert status[0] not in "45" or answer["content"] == problem, (label, status)
            if method.upper() in CHANGING_METHODS:
                assert "Idempotency-Key" in [p["name"] for p in operation.get("parameters", [])], label
            if "requestBody" in operation:
                schema = operation["requestBody"]["content"]["application/json"]["schema"]
                examples = _examples_of(schema, components)
                assert examples, f"{label}: no example of its body"
                validator = jsonschema_rs.validator_for({**schema, "components": components})
                for example in examples:
                    assert validator.is_valid(example), (label, example, list(validator.iter_errors(example))[:3])


def _examples_of(schema: dict, components: dict) -> list:
    """The examples of a body's schema, or of the schema it refers to (an optional body: of its first);
    else one made of its fields' examples, when each field it requires has one."""
    if "$ref" in schema:
        return _examples_of(components["schemas"][schema["$ref"].rsplit("/", 1)[1]], components)
    if "anyOf" in schema:
        return _examples_of(schema["anyOf"][0], components)
    if schema.get("examples"):
        return schema["examples"]
    fields = {name: field["examples"][0] for name, field in schema.get("properties", {}).items()
              if field.get("examples")}
    return [fields] if fields and set(schema.get("required", [])) <= set(fields) else []


@pytest.fixture(scope="module")
def api_schema(stack):
    schema = schemathesis.openapi.from_url(f"{stack.gateway_url}/openapi.json")
    schema.config.update(base_url=stack.gateway_url)
    return schema


def test_every_answer_is_documented_and_valid(api_schema, callers, known_ids):
    started, failures = time.monotonic(), {}
    operations = [operation for result in api_schema.get_all_operations()
                  if (operation := result.ok()).path not in NOT_FUZZED]
    for operation in operations:
        for mode in GenerationMode:
            try:
                _fuzz(operation, mode, callers, known_ids)
            except Unsatisfiable:
                if mode is GenerationMode.POSITIVE:
                    raise
                # Nothing to send wrong: an operation without parameters or body.
            except (FailureGroup, AssertionError) as failure:
                failures[f"{operation.label} ({mode.value})"] = str(failure)[:2000]
    statuses = ", ".join(f"{status}: {count}" for status, count in sorted(answered.items()))
    print(f"\nschemathesis: {len(operations)} operations, {sum(sent.values())} cases in "
          f"{time.monotonic() - started:.0f} s; statuses {statuses}")
    assert not failures, "\n\n".join(f"== {label}\n{failure}" for label, failure in failures.items())


def _fuzz(operation, mode: GenerationMode, callers: Callers, known_ids: dict[str, str]) -> None:
    """Valid (positive) or invalid (negative) requests of one operation, the same ones every run; no
    shrinking: a failure is reported as found, with the request that reproduces it."""
    known = {} if mode is GenerationMode.NEGATIVE else {
        parameter.name: known_ids[parameter.name] for parameter in operation.path_parameters
        if parameter.name in known_ids}

    @given(case=operation.as_strategy(generation_mode=mode, path_parameters=known or None))
    @settings(max_examples=EXAMPLES_PER_OPERATION, derandomize=True, database=None, deadline=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    def send(case):
        headers = callers.headers_for(operation)
        if case.method.upper() in CHANGING_METHODS:
            # Generated keys repeat ("0", "00", ...): a repeat would be answered from the first request
            # (or refused as reused), so each case gets a key of its own to reach the operation itself.
            headers["Idempotency-Key"] = uuid.uuid4().hex
        # The credentials replace whatever was generated for them, whatever the case of the names.
        ours = {name.lower() for name in headers}
        case.headers = {name: value for name, value in (case.headers or {}).items() if name.lower() not in ours}
        response = case.call_and_validate(headers=headers, checks=CHECKS, timeout=30)
        sent[operation.label] += 1
        answered[response.status_code] += 1

    send()
