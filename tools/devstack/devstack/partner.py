"""A partner's side of the gateway, for the end-to-end tests and the benchmarks: a marketplace
registered by the operator, its users with their tokens, and the calls a frontend makes; plus the one
thing no partner can do, letting a lesson's hour pass (`Backstage`, in a service's own database)."""

import asyncio
import time
import uuid
from collections.abc import Callable
from datetime import datetime

import asyncpg
import httpx

from shared.database import asyncpg_dsn

EUR = "EUR"
SAGA_TIMEOUT_S = 20.0


def until(read: Callable[[], dict], done: Callable[[dict], bool], what: str, timeout_s: float = SAGA_TIMEOUT_S):
    """Read until `done` holds: the saga moves on by events, eventually, never within the request."""
    deadline = time.monotonic() + timeout_s
    while True:
        value = read()
        if done(value):
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not after {timeout_s:.0f} s; last answer: {value}")
        time.sleep(0.1)


def reveals_nothing(response: httpx.Response, *secrets: str) -> None:
    for secret in secrets:
        assert secret not in response.text, f"the refusal shows {secret!r}: {response.text}"


class User:
    """One user of a partner's marketplace: the partner's API key and this user's token."""

    def __init__(self, client: httpx.Client, api_key: str, token: str, user_id: str, marketplace: str):
        self.client, self.user_id, self.marketplace = client, user_id, marketplace
        self.api_key, self.token = api_key, token
        self.headers = {"X-Api-Key": api_key, "Authorization": f"Bearer {token}"}

    def get(self, path: str, **params) -> httpx.Response:
        return self.client.get(path, params=params or None, headers=self.headers)

    def send(self, method: str, path: str, body=None, key: str | None = None) -> httpx.Response:
        # Every change carries an Idempotency-Key, as a careful frontend's retries would need.
        headers = {**self.headers, "Idempotency-Key": key or uuid.uuid4().hex}
        return self.client.request(method, path, json=body, headers=headers)

    def ok(self, method: str, path: str, body=None, status: int = 200) -> dict:
        response = self.send(method, path, body) if method != "GET" else self.get(path, **(body or {}))
        assert response.status_code == status, f"{method} {path}: {response.status_code} {response.text}"
        return response.json()

    def booking(self, booking_id: str) -> dict:
        return self.ok("GET", f"/v1/bookings/{booking_id}")

    def booking_until(self, booking_id: str, done: Callable[[dict], bool], what: str) -> dict:
        return until(lambda: self.booking(booking_id), done, f"booking {booking_id} {what}")

    def book(self, offering_id: str, starts_at: str, method: str = "credits", card: str | None = None,
             key: str | None = None) -> httpx.Response:
        payment = {"method": method, **({"payment_method_id": card} if card else {})}
        return self.send("POST", "/v1/bookings", {"offering_id": offering_id, "starts_at": starts_at,
                                                  "payment": payment}, key=key)

    def balances(self) -> dict[str, int]:
        lines = self.ok("GET", "/v1/wallet/balance")["balances"]
        return {f"{b['account_kind']}:{b['balance']['currency']}": b["balance"]["amount_minor"] for b in lines}

    def credits(self) -> int:
        return self.balances().get(f"student_credits:{EUR}", 0)

    def earnings(self) -> int:
        return self.balances().get(f"provider_earnings:{EUR}", 0)



class Partner:
    """A marketplace as its partner sees it: registered by the operator, with an API key."""

    def __init__(self, client: httpx.Client, operator_key: str, marketplace_id: str, preset: str, overrides: dict):
        operator = {"X-Operator-Key": operator_key}
        created = client.post("/v1/admin/marketplaces", headers={**operator, "Idempotency-Key": uuid.uuid4().hex},
                              json={"id": marketplace_id, "name": f"{marketplace_id} ({preset})",
                                    "policy_preset": preset, "policy_overrides": overrides})
        assert created.status_code == 201, created.text
        # The partner's server key: it mints every role's tokens and manages the marketplace.
        key = client.post(f"/v1/admin/marketplaces/{marketplace_id}/api-keys",
                          headers={**operator, "Idempotency-Key": uuid.uuid4().hex},
                          json={"roles": ["student", "provider", "staff"], "can_change_policy": True})
        assert key.status_code == 201, key.text
        self.client, self.id, self.api_key = client, marketplace_id, key.json()["key"]

    def user(self, user_id: str, role: str) -> User:
        token = self.client.post("/v1/auth/tokens", headers={"X-Api-Key": self.api_key},
                                 json={"user_id": user_id, "role": role})
        assert token.status_code == 201, token.text
        return User(self.client, self.api_key, token.json()["access_token"], user_id, self.id)

    def policy_when_booking_knows_it(self, anyone: User) -> dict:
        """Booking learns of the marketplace from the gateway's event: eventually."""
        answer = until(lambda: {"status": (r := anyone.get("/v1/marketplace")).status_code, "body": r.json()},
                       lambda a: a["status"] == 200, f"booking learns of marketplace {self.id}")
        return answer["body"]["policy"]


class Backstage:
    """What the test does in booking's database that no partner can: let a lesson's hour pass."""

    def __init__(self, database_url: str):
        self.dsn = asyncpg_dsn(database_url)

    def _run(self, sql: str, *args):
        async def go():
            conn = await asyncpg.connect(self.dsn)
            try:
                return await conn.fetch(sql, *args)
            finally:
                await conn.close()

        return asyncio.run(go())

    def end_lesson(self, booking_id: str, ended_minutes_ago: int) -> None:
        """Move the lesson (keeping its length) so that it ended that long ago."""
        moved = self._run("UPDATE bookings SET starts_at = now() - make_interval(mins => $2) - (ends_at - starts_at), "
                          "ends_at = now() - make_interval(mins => $2) WHERE id = $1 RETURNING id",
                          booking_id, ended_minutes_ago)
        assert len(moved) == 1

    def timer_due_at(self, kind: str, booking_id: str) -> datetime | None:
        rows = self._run("SELECT due_at FROM timers WHERE kind = $1 AND key = $2", kind, booking_id)
        return rows[0]["due_at"] if rows else None

    def make_timer_due(self, kind: str, booking_id: str) -> None:
        moved = self._run("UPDATE timers SET due_at = now() - interval '1 second' WHERE kind = $1 AND key = $2 "
                          "RETURNING id", kind, booking_id)
        assert len(moved) == 1, f"no {kind} timer for booking {booking_id}"

