"""Booking benchmark: lessons booked through the gateway by many concurrent clients, every service
running as its own process, next to a bare FastAPI endpoint doing one INSERT.

    python bench/booking.py                                 # defaults: 30 s measured, 48 clients; ~1.5 min
    python bench/booking.py --duration 60 --concurrency 96 --providers 80
    python bench/booking.py --wait poll --poll-interval-ms 100   # clients poll GET /v1/bookings/{id}
    python bench/booking.py --setting BOOKING_CONSUMER_PREFETCH=128 --setting WALLET_LOG_LEVEL=WARNING
    python bench/booking.py --without notifications --without disputes  # what the other consumers cost
    python bench/booking.py --what-if count-sql             # SQL statements per booking, by service
    python bench/booking.py --what-if uvloop --what-if inline-deps      # experiments, see WHAT_IFS
    python bench/booking.py --profile /tmp/prof             # py-spy every service (pip install py-spy)

Needs PostgreSQL and RabbitMQ as the tests do (TEST_POSTGRES_URL / TEST_AMQP_URL, or the local servers).

What happens:

1. Reference: a bare FastAPI app (bench/_bare_app.py: pydantic body, one asyncpg INSERT, uvicorn with
   its defaults, one process) on a scratch database, driven by the same client code for
   `--reference-duration` seconds: the floor of "one HTTP request that writes one row" here.
2. The stack: every service as its own process (tools/devstack `Stack`) with databases
   `bench_booking_<run id>_<service>`, AMQP namespace `bench-booking-<run id>` and free ports; its
   services' own defaults unless `--setting NAME=VALUE` says otherwise.
3. Set-up through the gateway, as a partner would: a marketplace with the "lessons" preset (no
   acceptance step), an API key, `--providers` providers with a 30-minute offering and every hour of
   every day available, `--students` students who each save a sandbox card and top up credits, and
   the slots of every provider (GET /v1/slots); then ANALYZE (`--analyze-every`: the development
   server runs without autovacuum). Each client gets its own students and its own slots;
   a `--contention` share of the slots is also given to a second client at the same place in its
   queue, so that two clients race for it (one 201, one 409: counted apart, not as errors).
4. Load: `--concurrency` clients in a closed loop: POST /v1/bookings (credits, Idempotency-Key), then
   wait until the booking is confirmed, then the next one. `--warmup` seconds first, then
   `--duration` measured seconds, then the clients stop and what is in flight finishes.
5. Checks in the databases afterwards: no two bookings holding one provider's overlapping time
   (zero double bookings), exactly one capture in the wallet for every confirmed booking and none
   for the others unless refunded, every 201 answered is one booking row, the ledger sums to zero.

How a client learns that its booking is confirmed (`--wait`):
- `events` (default): the benchmark binds one queue of its own to the stack's exchange for
  booking.booking_confirmed.v1 and booking.booking_released.v1 (payment failed) and wakes the waiting
  client when its booking's event arrives. That is what a partner webhook or a push to the frontend
  would see, it adds one message per booking to the broker and nothing to the services' HTTP or
  database load. Polling GET /v1/bookings/{id} through the gateway would add a full authenticated
  request (API key lookup, two token checks, a query) every interval for every booking in flight:
  at 100 ms and a second to confirm, ten requests per booking on top of the POST, i.e. it distorts
  what it measures; `--wait poll` does exactly that, to show by how much (measured: about 40 % more
  CPU per booking, mostly in the gateway).
- Latency "POST -> confirmed" is measured twice: to the client learning it (the event's arrival, or
  the poll's answer), and to the moment booking recorded the confirmation (its timeline entry
  `booking.confirmed`, read from booking's database after the run: no cost during the run).

Rates count bookings confirmed within the measured window. The CPU table gives the CPU time each
process (group) used in the window, from /proc: on this 2-core machine that says where the time goes
(the rate is close to the cores the stack got divided by its CPU time per booking). PostgreSQL
backends count as "ours" when they serve this run's databases; "other" is everything else running on
the machine meanwhile, and "charged to no process" is softirq, steal and processes that ended within
the window. The databases' transaction and row counters (pg_stat_database) and the services'
Prometheus histograms are taken over the same window.
Exit status 1 when an integrity check fails or the run breaks; a rate under `--target` is a finding,
not a failure.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aio_pika
import asyncpg
import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the bench/_*.py helpers

from _http import Connection, ConnectionLost
from _load import closed_loop
from _measure import (
    CpuSampler,
    histogram_means,
    histogram_totals,
    machine,
    percentile,
    print_cpu_table,
    start_profiles,
    summarize_profile,
)

from devstack import SERVICES, Stack, StackError, free_base_port
from devstack.infra import LOCAL_AMQP, LOCAL_POSTGRES, database_url, drop_databases, ensure_databases
from devstack.stack import _die_with_parent  # the reference app ends with us, as the services do
from shared.database import asyncpg_dsn

BENCH_DIR = Path(__file__).resolve().parent
CONFIRMED, RELEASED = "booking.booking_confirmed.v1", "booking.booking_released.v1"
HOLDS_SLOT = ["pending_payment", "awaiting_acceptance", "confirmed", "delivered"]
ALL_DAY_EVERY_DAY = [{"weekday": day, "start": "00:00", "end": "24:00"} for day in range(1, 8)]
CARD = "4242424242424242"
HISTOGRAMS = ("http_request_duration_seconds", "event_handler_duration_seconds")
# Experiments on the services without changing their code: a sitecustomize module on the services'
# PYTHONPATH (only theirs, only with --what-if) that changes one thing at start-up.
WHAT_IFS = {
    # The runner starts its loop with asyncio.run(): the standard selector loop, although uvloop is
    # installed and uvicorn would pick it when it owns the loop.
    "uvloop": "import asyncio, uvloop\nasyncio.set_event_loop_policy(uvloop.EventLoopPolicy())\n",
    # FastAPI runs a plain `def` dependency (shared.auth.current_identity, require_role's check, the
    # gateway's routed_service) in a worker thread, two or three hand-offs per request; they do no
    # I/O, so they could be `async def` and run inline. This runs every sync dependency inline.
    "inline-deps": ("import fastapi.dependencies.utils as _u\n"
                    "async def _inline(func, *args, **kwargs):\n    return func(*args, **kwargs)\n"
                    "_u.run_in_threadpool = _inline\n"),
    # Not a change but a count: every SQL statement the services send, by statement, written to
    # files on SIGUSR1 (at the window's start and end). Costs a little CPU itself.
    "count-sql": ("import collections, json, os, signal\n"
                  "import sqlalchemy.event\nfrom sqlalchemy.engine import Engine\n"
                  "_counts = collections.Counter()\n"
                  "@sqlalchemy.event.listens_for(Engine, 'before_cursor_execute')\n"
                  "def _count(conn, cursor, statement, parameters, context, executemany):\n"
                  "    _counts[' '.join(statement.split())[:110]] += 1\n"
                  # Statements sent straight on asyncpg (shared.database.driver_connection) too; the
                  # ORM's go through prepared statements, not these methods, so none counts twice.
                  "import asyncpg\n"
                  "def _counted(name):\n"
                  "    original = getattr(asyncpg.Connection, name)\n"
                  "    async def method(self, query, *args, **kwargs):\n"
                  "        _counts['[driver] ' + ' '.join(query.split())[:101]] += 1\n"
                  "        return await original(self, query, *args, **kwargs)\n"
                  "    setattr(asyncpg.Connection, name, method)\n"
                  "for _name in ('execute', 'executemany', 'fetch', 'fetchrow', 'fetchval'):\n"
                  "    _counted(_name)\n"
                  "def _dump(*_):\n"
                  "    directory = os.environ['BENCH_SQL_DIR']\n"
                  "    tag = open(os.path.join(directory, 'tag')).read().strip()\n"
                  "    with open(os.path.join(directory, tag, f'{os.getpid()}.json'), 'w') as f:\n"
                  "        json.dump(_counts, f)\n"
                  "signal.signal(signal.SIGUSR1, _dump)\n"),
}
TARGET_NOTE = "issue 3: >= 150 confirmed bookings/s sustained for 30 s on the 2-core machine"


# ------------------------------------------------------------------------------------------- samples

@dataclass
class Sample:
    started: float  # time.time() when the request was sent
    outcome: str  # "confirmed", "released", "conflict", "timeout", "error <status>", "created" (reference)
    post_s: float = float("nan")  # the POST's own latency
    done_at: float = float("nan")  # time.time() when the client learned the outcome
    booking_id: str | None = None
    contended: bool = False
    detail: str = ""


@dataclass
class Phase:
    """One measured phase: its samples and window, the CPU and service metrics of the window."""

    name: str
    window: tuple[float, float] = (0.0, 0.0)
    samples: list[Sample] = field(default_factory=list)
    cpu: dict[str, tuple[float, float]] = field(default_factory=dict)  # group -> (user, system) seconds
    machine_s: dict[str, float] = field(default_factory=dict)  # /proc/stat columns over the window
    means: list = field(default_factory=list)
    profiles: dict[str, list[str]] = field(default_factory=dict)
    databases: dict[str, dict[str, int]] = field(default_factory=dict)  # pg_stat_database deltas by service
    sql: dict[str, Counter] = field(default_factory=dict)  # statements by service (--what-if count-sql)

    @property
    def seconds(self) -> float:
        return self.window[1] - self.window[0]

    def in_window(self, moment: float) -> bool:
        return self.window[0] <= moment < self.window[1]


class WindowProbe:
    """CPU of every process, the services' histograms, the databases' transaction and row counters
    (pg_stat_database) and, with --what-if count-sql, the services' SQL statements, at the window's
    start and end."""

    def __init__(self, phase: Phase, sampler: CpuSampler, metrics_urls: dict[str, str],
                 profile_dir: Path | None = None, profile_pids: dict[str, int] | None = None,
                 postgres_url: str | None = None, database_prefix: str = "",
                 sql_counts: tuple[Path, dict[str, int]] | None = None):
        self.phase, self.sampler, self.metrics_urls = phase, sampler, metrics_urls
        self.profile_dir, self.profile_pids = profile_dir, profile_pids or {}
        self.postgres_url, self.database_prefix, self.sql_counts = postgres_url, database_prefix, sql_counts

    async def _database_stats(self) -> dict[str, dict[str, int]]:
        if not self.postgres_url:
            return {}
        conn = await asyncpg.connect(asyncpg_dsn(self.postgres_url))
        try:
            rows = await conn.fetch(
                "SELECT datname, xact_commit + xact_rollback AS transactions, tup_inserted + tup_updated "
                "+ tup_deleted AS rows_written, tup_fetched AS rows_fetched, blks_hit + blks_read AS blocks "
                "FROM pg_stat_database WHERE datname LIKE $1", self.database_prefix + "%")
        finally:
            await conn.close()
        return {r["datname"].removeprefix(self.database_prefix).lstrip("_"): dict(r) for r in rows}

    def _sql_snapshot(self, tag: str) -> None:
        if self.sql_counts:
            directory, pids = self.sql_counts
            (directory / tag).mkdir(parents=True, exist_ok=True)
            (directory / "tag").write_text(tag)
            for pid in pids.values():
                try:
                    os.kill(pid, signal.SIGUSR1)
                except ProcessLookupError:
                    pass

    async def _metrics(self) -> dict:
        found = {}
        async with httpx.AsyncClient(timeout=10) as client:
            for service, url in self.metrics_urls.items():
                try:
                    text = (await client.get(url)).text
                except httpx.HTTPError:
                    continue
                found.update({(service, *key): value for key, value in histogram_totals(text, HISTOGRAMS).items()})
        return found

    async def start(self):
        metrics0 = await self._metrics()
        db0 = await self._database_stats()
        self._sql_snapshot("start")
        cpu0 = self.sampler.snapshot()
        profiles = (start_profiles(self.profile_pids, self.phase.seconds, self.profile_dir)
                    if self.profile_dir and self.profile_pids else [])

        async def finish():
            cpu1 = self.sampler.snapshot()
            self.phase.cpu, self.phase.machine_s = CpuSampler.delta(cpu0, cpu1)
            self._sql_snapshot("end")
            db1 = await self._database_stats()
            if self.sql_counts:
                await asyncio.sleep(1.0)  # the services write their counts from their signal handlers
                directory, pids = self.sql_counts
                for service, pid in pids.items():
                    try:
                        counts = [Counter(json.loads((directory / tag / f"{pid}.json").read_text()))
                                  for tag in ("start", "end")]
                    except (OSError, ValueError):
                        continue
                    self.phase.sql[service] = counts[1] - counts[0]
            self.phase.databases = {name: {k: v - db0.get(name, {}).get(k, 0) for k, v in stats.items()
                                           if k != "datname"} for name, stats in db1.items()}
            metrics1 = await self._metrics()
            by_service = defaultdict(lambda: ({}, {}))
            for (service, *key), value in metrics1.items():
                by_service[service][1][tuple(key)] = value
            for (service, *key), value in metrics0.items():
                by_service[service][0][tuple(key)] = value
            self.phase.means = [(service, mean) for service, (before, after) in sorted(by_service.items())
                                for mean in histogram_means(before, after)]
            for name, out, process in profiles:
                await asyncio.to_thread(process.wait)
                self.phase.profiles[name] = summarize_profile(out)

        return finish


# ---------------------------------------------------------------------------------------- reference

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_reference_app(port: int, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "uvicorn", "_bare_app:app", "--app-dir", str(BENCH_DIR),
                             "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning", "--no-access-log"],
                            env=env, stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent())


async def reference(args, run_id: str, sampler: CpuSampler) -> Phase:
    database = f"bench_booking_{run_id}_bare"
    await ensure_databases(args.postgres_url, [database])
    port = free_port()
    env = {**os.environ, "BARE_DATABASE_URL": asyncpg_dsn(database_url(args.postgres_url, database))}
    process = start_reference_app(port, env)
    sampler.name(process.pid, "reference app")
    phase = Phase("bare FastAPI + one INSERT")
    try:
        await _wait_healthy(f"http://127.0.0.1:{port}/healthz", process)
        connections = [Connection("127.0.0.1", port) for _ in range(args.concurrency)]
        body = {"offering_id": "o" * 32, "starts_at": datetime.now(UTC).isoformat(), "payment": {"method": "credits"}}

        async def iteration(user: int) -> Sample:
            started, t0 = time.time(), time.perf_counter()
            try:
                answer = await connections[user].request("POST", "/items", json=body)
                outcome = "created" if answer.status == 201 else f"error {answer.status}"
            except (ConnectionLost, OSError, TimeoutError) as exc:
                outcome = f"error {type(exc).__name__}"
            elapsed = time.perf_counter() - t0
            return Sample(started, outcome, post_s=elapsed, done_at=started + elapsed)

        probe = WindowProbe(phase, sampler, {})
        await closed_loop(phase, args.concurrency, iteration, args.reference_warmup, args.reference_duration,
                          on_window=probe.start)
        for connection in connections:
            await connection.close()
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
        await drop_databases(args.postgres_url, [database])
    return phase


async def _wait_healthy(url: str, process: subprocess.Popen, timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    async with httpx.AsyncClient(timeout=2) as client:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the reference app exited with {process.returncode}")
            try:
                if (await client.get(url)).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the reference app did not answer {url} in {timeout_s} s")
            await asyncio.sleep(0.2)


# ------------------------------------------------------------------------------------ set-up as a partner

@dataclass
class Setup:
    api_key: str
    marketplace: str
    offerings: dict[str, str]  # provider id -> offering id
    student_headers: list[dict[str, str]]
    slots: list[tuple[str, str]]  # (offering id, starts_at)
    seconds: float = 0.0


async def set_up(args, stack: Stack) -> Setup:
    started = time.monotonic()
    limit = asyncio.Semaphore(16)
    async with httpx.AsyncClient(base_url=stack.gateway_url, timeout=60,
                                 limits=httpx.Limits(max_connections=32)) as gw:
        async def call(method: str, path: str, expect: int, headers: dict, body=None, params=None) -> dict:
            async with limit:
                answer = await gw.request(method, path, json=body, params=params,
                                          headers={**headers, "Idempotency-Key": uuid.uuid4().hex})
            if answer.status_code != expect:
                raise RuntimeError(f"set-up: {method} {path}: {answer.status_code} {answer.text[:300]}")
            return answer.json()

        operator = {"X-Operator-Key": stack.keys.operator_key}
        marketplace = "bench"
        await call("POST", "/v1/admin/marketplaces", 201, operator,
                   {"id": marketplace, "name": "Bench lessons", "policy_preset": "lessons"})
        api_key = (await call("POST", f"/v1/admin/marketplaces/{marketplace}/api-keys", 201, operator))["key"]

        async def user(user_id: str, role: str) -> dict[str, str]:
            token = await call("POST", "/v1/auth/tokens", 201, {"X-Api-Key": api_key},
                               {"user_id": user_id, "role": role})
            return {"X-Api-Key": api_key, "Authorization": f"Bearer {token['access_token']}"}

        providers = await asyncio.gather(*(user(f"pro-{n:04d}", "provider") for n in range(args.providers)))
        students = await asyncio.gather(*(user(f"stu-{n:05d}", "student") for n in range(args.students)))
        deadline = time.monotonic() + 60
        while (await gw.get("/v1/marketplace", headers=students[0])).status_code != 200:
            if time.monotonic() > deadline:
                raise RuntimeError("booking did not learn of the marketplace in 60 s")
            await asyncio.sleep(0.2)

        async def publish(n: int, headers: dict) -> str:
            await call("PUT", "/v1/providers/me", 201, headers,
                       {"display_name": f"Provider {n}", "timezone": "Europe/Berlin", "lesson_kinds": ["guitar"]})
            offering = await call("POST", "/v1/offerings", 201, headers, {
                "title": "Guitar, 30 min", "kind": "guitar", "duration_minutes": 30,
                "price": {"amount_minor": args.price, "currency": "EUR"}})
            await call("PUT", "/v1/providers/me/availability", 200, headers, ALL_DAY_EVERY_DAY)
            return offering["id"]

        offering_ids = await asyncio.gather(*(publish(n, h) for n, h in enumerate(providers)))

        async def fund(headers: dict) -> None:
            # The card goes to the (sandbox) processor, as a partner's card form sends it; we get its token.
            tokenized = await gw.post(f"{stack.url('wallet')}/sandbox-processor/v1/tokens", json={
                "number": CARD, "exp_month": 12, "exp_year": datetime.now(UTC).year + 3, "cvc": "123"})
            card = await call("POST", "/v1/payment-methods", 201, headers, {"token": tokenized.json()["token"]})
            await call("POST", "/v1/wallet/top-ups", 201, headers,
                       {"amount": {"amount_minor": args.credits, "currency": "EUR"}, "payment_method_id": card["id"]})

        await asyncio.gather(*(fund(h) for h in students))

        # Enough slots for a rate well above the target over the whole run, from tomorrow on.
        needed = int(args.max_rate * (args.warmup + args.duration + 10) * (1 + args.contention))
        per_day = 48
        days = min(31, max(1, -(-needed // (per_day * args.providers)) + 1))
        start = (datetime.now(UTC) + timedelta(days=1)).replace(minute=0, second=0, microsecond=0)
        params = {"from": start.isoformat(), "to": (start + timedelta(days=days)).isoformat()}

        async def slots_of(offering_id: str) -> list[tuple[str, str]]:
            answer = await call("GET", "/v1/slots", 200, students[0], params={**params, "offering_id": offering_id})
            return [(offering_id, slot["starts_at"]) for slot in answer["slots"]]

        slots = [s for found in await asyncio.gather(*(slots_of(o) for o in offering_ids)) for s in found]
    random.Random(7).shuffle(slots)
    return Setup(api_key, marketplace, dict(zip([f"pro-{n:04d}" for n in range(args.providers)], offering_ids,
                                                strict=True)), students, slots, time.monotonic() - started)


def queues_of(setup: Setup, clients: int, contention: float) -> list[list[tuple[tuple[str, str], bool]]]:
    """Each client's slots in order; a `contention` share also sits at the same place in the next
    client's queue (both flagged), so that the two race for it."""
    queues: list[list[tuple[tuple[str, str], bool]]] = [[] for _ in range(clients)]
    rng = random.Random(11)
    for index, slot in enumerate(setup.slots):
        owner = index % clients
        if clients > 1 and rng.random() < contention:
            queues[owner].append((slot, True))
            queues[(owner + 1) % clients].append((slot, True))
        else:
            queues[owner].append((slot, False))
    return queues


# ---------------------------------------------------------------------------------------------- load

class Outcomes:
    """The stack's booking outcome events, on a queue of the benchmark's own: wakes waiting clients."""

    def __init__(self) -> None:
        self.seen: dict[str, tuple[str, float]] = {}
        self.waiting: dict[str, asyncio.Future] = {}
        self.connection = None

    async def start(self, amqp_url: str, namespace: str) -> None:
        self.connection = await aio_pika.connect_robust(amqp_url)
        channel = await self.connection.channel()
        await channel.set_qos(prefetch_count=1000)
        exchange = await channel.declare_exchange(f"{namespace}.events", aio_pika.ExchangeType.TOPIC, durable=True)
        queue = await channel.declare_queue(exclusive=True, auto_delete=True)
        for event_type in (CONFIRMED, RELEASED):
            await queue.bind(exchange, routing_key=event_type)
        await queue.consume(self._on_message, no_ack=True)

    async def _on_message(self, message) -> None:
        arrived = time.time()
        envelope = json.loads(message.body)
        booking_id = envelope["data"]["booking_id"]
        outcome = "confirmed" if envelope["type"] == CONFIRMED else "released"
        self.seen.setdefault(booking_id, (outcome, arrived))
        waiter = self.waiting.pop(booking_id, None)
        if waiter is not None and not waiter.done():
            waiter.set_result(self.seen[booking_id])

    async def wait(self, booking_id: str, timeout_s: float) -> tuple[str, float]:
        if booking_id in self.seen:
            return self.seen[booking_id]
        waiter = self.waiting[booking_id] = asyncio.get_running_loop().create_future()
        try:
            return await asyncio.wait_for(waiter, timeout_s)
        finally:
            self.waiting.pop(booking_id, None)

    async def close(self) -> None:
        if self.connection is not None:
            await self.connection.close()


async def load(args, stack: Stack, setup: Setup, sampler: CpuSampler, profile_dir: Path | None) -> Phase:
    phase = Phase("booking through the gateway")
    host, port = "127.0.0.1", stack.ports["gateway"]
    queues = queues_of(setup, args.concurrency, args.contention)
    positions = [0] * args.concurrency
    connections = [Connection(host, port) for _ in range(args.concurrency)]
    outcomes = Outcomes()
    if args.wait == "events":
        await outcomes.start(stack.amqp_url, stack.amqp_namespace)

    def student_of(user: int, turn: int) -> dict[str, str]:
        # Client `user` books for its own students only: no two clients share a student's credits.
        own = list(range(user, len(setup.student_headers), args.concurrency)) or [user % len(setup.student_headers)]
        return setup.student_headers[own[turn % len(own)]]

    async def post(user: int, headers: dict, body: dict) -> tuple[int, dict | str]:
        key = {"Idempotency-Key": uuid.uuid4().hex} if args.idempotency_key else {}
        for attempt in range(2):
            try:
                answer = await connections[user].request("POST", "/v1/bookings", headers={**headers, **key}, json=body)
                return answer.status, (answer.json() if answer.body.startswith(b"{") else answer.text)
            except ConnectionLost:
                if attempt == 1 or not key:  # without a key a retry could book twice: count it as an error
                    raise
        raise AssertionError("unreachable")

    async def poll(user: int, headers: dict, booking_id: str, deadline: float) -> tuple[str, float]:
        while time.monotonic() < deadline:
            await asyncio.sleep(args.poll_interval_ms / 1000)
            answer = await connections[user].request("GET", f"/v1/bookings/{booking_id}", headers=headers)
            if answer.status == 200:
                status = answer.json()["status"]
                if status != "pending_payment":
                    return ("confirmed" if status in ("confirmed", "awaiting_acceptance") else "released"), time.time()
        raise TimeoutError

    async def iteration(user: int) -> Sample | None:
        if positions[user] >= len(queues[user]):
            return None
        (offering_id, starts_at), contended = queues[user][positions[user]]
        positions[user] += 1
        headers = student_of(user, positions[user])
        body = {"offering_id": offering_id, "starts_at": starts_at, "payment": {"method": "credits"}}
        started, t0 = time.time(), time.perf_counter()
        try:
            status, answer = await post(user, headers, body)
        except (ConnectionLost, OSError, TimeoutError) as exc:
            return Sample(started, f"error {type(exc).__name__}", detail=str(exc)[:200])
        post_s = time.perf_counter() - t0
        if status == 409:
            return Sample(started, "conflict", post_s=post_s, contended=contended,
                          detail=answer.get("type", "") if isinstance(answer, dict) else str(answer)[:200])
        if status != 201:
            detail = (f"{answer.get('type')}: {answer.get('detail')} (request {answer.get('request_id')})"
                      if isinstance(answer, dict) else str(answer)[:300])
            return Sample(started, f"error {status}", post_s=post_s, detail=detail)
        booking_id = answer["id"]
        try:
            if args.wait == "events":
                outcome, done_at = await outcomes.wait(booking_id, args.confirm_timeout)
            else:
                outcome, done_at = await poll(user, headers, booking_id, time.monotonic() + args.confirm_timeout)
        except (TimeoutError, ConnectionLost, OSError) as exc:
            return Sample(started, "timeout", post_s=post_s, booking_id=booking_id, detail=type(exc).__name__)
        return Sample(started, outcome, post_s=post_s, done_at=done_at, booking_id=booking_id, contended=contended)

    metrics_urls = {svc: f"{stack.url(svc)}/metrics" for svc in stack.services}
    pids = {svc: process.pid for svc, process in stack.processes.items()}
    # Only the services have the counting signal handler; SIGUSR1 would end any other process (mail catcher).
    services = {svc: pid for svc, pid in pids.items() if svc in SERVICES}
    sql_counts = (Path(os.environ["BENCH_SQL_DIR"]), services) if "count-sql" in args.what_if else None
    analyzer = asyncio.create_task(analyze(stack, args.analyze_every)) if args.analyze_every > 0 else None
    probe = WindowProbe(phase, sampler, metrics_urls, profile_dir, pids if profile_dir else None,
                        postgres_url=stack.postgres_url, database_prefix=stack.db_prefix, sql_counts=sql_counts)
    try:
        await closed_loop(phase, args.concurrency, iteration, args.warmup, args.duration, on_window=probe.start)
    finally:
        if analyzer is not None:
            analyzer.cancel()
        for connection in connections:
            await connection.close()
        await outcomes.close()
    return phase


# ------------------------------------------------------------------------------------------- checks

@dataclass
class Checks:
    statuses: dict[str, int]
    overlaps: int
    confirmed_without_one_capture: int
    captures_of_unconfirmed: int
    rows_vs_created: tuple[int, int]
    unknown_ids: int
    ledger_totals: dict[str, int]
    confirmed_at: dict[str, float]

    @property
    def failures(self) -> list[str]:
        found = []
        if self.overlaps:
            found.append(f"{self.overlaps} pairs of bookings hold overlapping time of one provider")
        if self.confirmed_without_one_capture:
            found.append(f"{self.confirmed_without_one_capture} confirmed bookings without exactly one capture")
        if self.captures_of_unconfirmed:
            found.append(f"{self.captures_of_unconfirmed} captures of bookings that aren't confirmed nor refunded")
        if self.rows_vs_created[0] != self.rows_vs_created[1]:
            found.append(f"{self.rows_vs_created[0]} booking rows for {self.rows_vs_created[1]} answered 201")
        if self.unknown_ids:
            found.append(f"{self.unknown_ids} ids answered 201 are not in booking's database")
        if any(self.ledger_totals.values()):
            found.append(f"the ledger does not sum to zero: {self.ledger_totals}")
        return found


async def check(stack: Stack, phase: Phase) -> Checks:
    created = {s.booking_id for s in phase.samples if s.booking_id}
    booking = await asyncpg.connect(asyncpg_dsn(stack.database_url("booking")))
    try:
        statuses = dict(await booking.fetch("SELECT status, count(*) FROM bookings GROUP BY status"))
        overlaps = await booking.fetchval(
            "SELECT count(*) FROM bookings a JOIN bookings b ON a.marketplace_id = b.marketplace_id "
            "AND a.provider_id = b.provider_id AND a.id < b.id "
            "AND tstzrange(a.starts_at, a.ends_at, '[)') && tstzrange(b.starts_at, b.ends_at, '[)') "
            "WHERE a.status = ANY($1) AND b.status = ANY($1)", HOLDS_SLOT)
        ids = {r["id"]: r["status"] for r in await booking.fetch("SELECT id, status, payment_state FROM bookings")}
        refunded = {r["id"] for r in await booking.fetch(
            "SELECT id FROM bookings WHERE payment_state = 'refunded'")}
        confirmed_at = {r["booking_id"]: r["at"].timestamp() for r in await booking.fetch(
            "SELECT booking_id, min(at) AS at FROM timeline_entries WHERE type = 'booking.confirmed' "
            "GROUP BY booking_id")}
    finally:
        await booking.close()
    wallet = await asyncpg.connect(asyncpg_dsn(stack.database_url("wallet")))
    try:
        captures = dict(await wallet.fetch(
            "SELECT booking_id, count(*) FROM ledger_transactions WHERE kind = 'capture' GROUP BY booking_id"))
        totals = dict(await wallet.fetch("SELECT currency, sum(amount_minor)::bigint FROM postings GROUP BY currency"))
    finally:
        await wallet.close()
    confirmed = {i for i, status in ids.items() if status in ("confirmed", "awaiting_acceptance", "delivered")}
    return Checks(
        statuses=statuses, overlaps=overlaps,
        confirmed_without_one_capture=sum(captures.get(i, 0) != 1 for i in confirmed),
        captures_of_unconfirmed=sum(1 for i in captures if i not in confirmed and i not in refunded),
        rows_vs_created=(len(ids), len(created)), unknown_ids=len(created - set(ids)),
        ledger_totals={k: int(v) for k, v in totals.items()}, confirmed_at=confirmed_at)


def error_causes(stack: Stack, phase: Phase) -> Counter:
    """The last line of the exception each failed request logged, found by its request id."""
    wanted = {s.detail.rsplit("(request ", 1)[-1].rstrip(")") for s in phase.samples
              if s.outcome.startswith("error") and "(request " in s.detail}
    causes: Counter = Counter()
    if not wanted:
        return causes
    for log in stack.logs_dir.glob("*.log"):
        with log.open(errors="replace") as lines:
            for line in lines:
                if '"level": "error"' not in line or '"request_id"' not in line:
                    continue
                try:
                    entry = json.loads(line)
                except ValueError:
                    continue
                if entry.get("request_id") in wanted:
                    last = (entry.get("exception") or entry.get("error") or entry.get("event", "")).strip()
                    causes[f"{log.stem}: {last.splitlines()[-1][:200] if last else entry.get('event')}"] += 1
    return causes


# ------------------------------------------------------------------------------------------- report

def ms(value: float) -> str:
    return "-" if value != value else f"{value * 1e3:.0f}"


def summarize(phase: Phase, checks: Checks | None) -> dict:
    window = [s for s in phase.samples if phase.in_window(s.started)]
    done = [s for s in phase.samples if s.outcome in ("confirmed", "created") and phase.in_window(s.done_at)]
    outcomes = Counter(s.outcome for s in phase.samples)
    figures = {
        "rate_per_s": len(done) / phase.seconds if phase.seconds else float("nan"),
        "completed_in_window": len(done),
        "requests_total": len(phase.samples),
        "outcomes": dict(outcomes),
        "post_p50_s": percentile([s.post_s for s in window if s.post_s == s.post_s], 50),
        "post_p99_s": percentile([s.post_s for s in window if s.post_s == s.post_s], 99),
    }
    finished = [s for s in window if s.outcome in ("confirmed", "created")]
    seen = [s.done_at - s.started for s in finished]
    figures["p50_s"], figures["p99_s"], figures["max_s"] = (percentile(seen, 50), percentile(seen, 99),
                                                            max(seen, default=float("nan")))
    buckets = Counter(int((s.done_at - phase.window[0]) // 5) for s in done)
    figures["per_5s"] = [buckets.get(i, 0) / 5 for i in range(int(phase.seconds // 5))]
    if checks is not None:
        recorded = [checks.confirmed_at[s.booking_id] - s.started for s in finished
                    if s.booking_id in checks.confirmed_at]
        figures["recorded_p50_s"], figures["recorded_p99_s"] = percentile(recorded, 50), percentile(recorded, 99)
        figures["conflicts_contended"] = sum(1 for s in phase.samples if s.outcome == "conflict" and s.contended)
        figures["conflicts_unexpected"] = sum(1 for s in phase.samples if s.outcome == "conflict" and not s.contended)
    errors = Counter(f"{s.outcome}: {s.detail.split(' (request ')[0][:160]}" for s in phase.samples
                     if s.outcome not in ("confirmed", "created", "conflict"))
    figures["errors"] = dict(errors.most_common(8))
    figures["error_count"] = sum(errors.values())
    figures["error_requests"] = [s.detail.rsplit("(request ", 1)[-1].rstrip(")") for s in phase.samples
                                 if s.outcome.startswith("error") and "(request " in s.detail][:5]
    return figures


def analyze_note(every: float) -> str:
    return "never" if every < 0 else ("after set-up" if every == 0 else f"after set-up and every {every:.0f} s")


def print_report(args, info: dict, setup: Setup | None, ref: Phase | None, run: Phase | None,
                 checks: Checks | None) -> dict:
    line = "-" * 100
    print(f"\n{line}\nBooking benchmark  {info['date']}\n{line}")
    print(f"machine    {info['machine']['cores']} cores ({info['machine']['cpu']}), "
          f"{info['machine']['memory_gb']} GB, Python {info['machine']['python']}, {info['postgres']}")
    print(f"code       {info['code']}")
    print(f"params     clients {args.concurrency}, measured {args.duration:.0f} s after {args.warmup:.0f} s warm-up, "
          f"wait={args.wait}{f' every {args.poll_interval_ms} ms' if args.wait == 'poll' else ''}, "
          f"providers {args.providers}, students {args.students}, contention {args.contention:.0%}, "
          f"Idempotency-Key {'on' if args.idempotency_key else 'off'}, "
          f"ANALYZE {analyze_note(args.analyze_every)}, reference {args.reference_duration:.0f} s")
    if args.setting or args.without or args.what_if:
        print(f"changes    settings: {' '.join(args.setting) or 'none'}; without: {', '.join(args.without) or '-'}; "
              f"what-if: {', '.join(args.what_if) or '-'}")
    if setup is not None:
        print(f"set-up     {len(setup.slots)} slots of {len(setup.offerings)} providers, "
              f"{len(setup.student_headers)} students with credits, in {setup.seconds:.1f} s")
    result = {"info": info, "params": {k: v for k, v in vars(args).items() if k != "json"}}
    print(f"\n{'what':44} {'per s':>8} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'count':>7} {'errors':>7}")
    rows = []
    if ref is not None:
        fig = summarize(ref, None)
        rows.append(("bare FastAPI endpoint, one INSERT (POST)", fig))
        result["reference"] = fig
    if run is not None:
        fig = summarize(run, checks)
        result["booking"] = fig
        rows.append(("booking: POST -> client knows confirmed", fig))
    for what, fig in rows:
        print(f"{what:44} {fig['rate_per_s']:8.1f} {ms(fig['p50_s']):>8} {ms(fig['p99_s']):>8} "
              f"{ms(fig['max_s']):>8} {fig['completed_in_window']:7d} {fig['error_count']:7d}")
    if run is not None:
        fig = result["booking"]
        if checks is not None:
            print(f"{'booking: POST -> confirmation recorded':44} {'':8} {ms(fig['recorded_p50_s']):>8} "
                  f"{ms(fig['recorded_p99_s']):>8}")
        print(f"{'booking: POST /v1/bookings answered (201)':44} {'':8} {ms(fig['post_p50_s']):>8} "
              f"{ms(fig['post_p99_s']):>8}")
        per5 = fig["per_5s"]
        if per5:
            print(f"\nconfirmed/s per 5 s of the window: {' '.join(f'{r:.0f}' for r in per5)} "
                  f"(min {min(per5):.0f}); target {args.target:.0f}/s: "
                  f"{'MET' if min(per5) >= args.target and fig['rate_per_s'] >= args.target else 'NOT MET'} "
                  f"({TARGET_NOTE})")
        print(f"outcomes: {fig['outcomes']}; 409 on contended slots {fig.get('conflicts_contended', 0)}, "
              f"unexpected 409 {fig.get('conflicts_unexpected', 0)}")
        for error, count in fig["errors"].items():
            print(f"  error x{count}: {error}")
        if fig["error_requests"]:
            print(f"  request ids of some (see the services' logs): {', '.join(fig['error_requests'])}")
    if checks is not None:
        print(f"\nchecks     bookings by status {checks.statuses}; overlapping holds {checks.overlaps}; "
              f"confirmed without exactly one capture {checks.confirmed_without_one_capture}; "
              f"ledger totals {checks.ledger_totals}")
        print(f"           {'OK' if not checks.failures else 'FAILED: ' + '; '.join(checks.failures)}")
        result["checks"] = {"failures": checks.failures, "statuses": checks.statuses, "overlaps": checks.overlaps}
    for phase in (p for p in (ref, run) if p is not None and p.cpu):
        done = max(1, sum(1 for s in phase.samples if s.outcome in ("confirmed", "created")
                          and phase.in_window(s.done_at)))
        print_cpu_table(f" of '{phase.name}'", phase.seconds, phase.machine_s, phase.cpu, info["machine"]["cores"],
                        done, "completed")
        result.setdefault("cpu", {})[phase.name] = {g: sum(c) / phase.seconds for g, c in phase.cpu.items()}
    if run is not None and run.databases:
        done = max(1, result["booking"]["completed_in_window"])
        print("\nper confirmed booking, by database (pg_stat_database over the window)")
        print(f"  {'database':14} {'transactions':>13} {'rows written':>13} {'rows fetched':>13} {'blocks':>9}")
        for name, stats in sorted(run.databases.items()):
            if stats["transactions"] >= done / 10:
                print(f"  {name:14} {stats['transactions'] / done:13.1f} {stats['rows_written'] / done:13.1f} "
                      f"{stats['rows_fetched'] / done:13.1f} {stats['blocks'] / done:9.0f}")
        result["databases_per_booking"] = {n: {k: v / done for k, v in st.items()} for n, st in run.databases.items()}
    if run is not None and run.sql:
        done = max(1, result["booking"]["completed_in_window"])
        print("\nSQL statements per confirmed booking, by service (--what-if count-sql)")
        for service, counts in sorted(run.sql.items(), key=lambda kv: -sum(kv[1].values())):
            if counts.total() >= done / 10:
                print(f"  {service}: {counts.total() / done:.1f}")
                for statement, n in counts.most_common(12):
                    print(f"    {n / done:5.2f}  {statement}")
        result["sql_per_booking"] = {svc: {st: n / done for st, n in c.items()} for svc, c in run.sql.items()}
    if run is not None and run.means:
        print("\nservice-side mean times in the window (Prometheus histograms; requests and handled events)")
        for service, mean in run.means[:16]:
            print(f"  {service:14} {mean.what:52} {mean.count:7d} x {mean.mean_ms:7.1f} ms")
    if run is not None and run.profiles:
        print("\npy-spy, per process (CPU samples; self time by function)")
        for name, lines in run.profiles.items():
            print(f"  == {name}: " + "\n     ".join(lines))
    print(line)
    return result


# ---------------------------------------------------------------------------------------------- main

def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=30, help="measured seconds (default %(default)s)")
    parser.add_argument("--warmup", type=float, default=5, help="seconds before the window (default %(default)s)")
    parser.add_argument("--concurrency", "-c", type=int, default=48, help="concurrent clients (default %(default)s)")
    parser.add_argument("--providers", type=int, default=40, help="default %(default)s")
    parser.add_argument("--students", type=int, default=None, help="default: 4 per client")
    parser.add_argument("--price", type=int, default=1000, help="lesson price, EUR minor units")
    parser.add_argument("--credits", type=int, default=10_000_000, help="each student's top-up, minor units")
    parser.add_argument("--contention", type=float, default=0.02,
                        help="share of slots two clients race for (default %(default)s)")
    parser.add_argument("--wait", choices=("events", "poll"), default="events",
                        help="how a client learns its booking is confirmed (see above)")
    parser.add_argument("--poll-interval-ms", type=int, default=100)
    parser.add_argument("--confirm-timeout", type=float, default=30,
                        help="seconds before a booking counts as timed out")
    parser.add_argument("--no-idempotency-key", dest="idempotency_key", action="store_false",
                        help="POST without Idempotency-Key (partners are asked to send one)")
    parser.add_argument("--analyze-every", type=float, default=0, metavar="S",
                        help="ANALYZE the stack's databases after the set-up and every S seconds of the load, "
                             "as autovacuum would (default %(default)s; 0: after the set-up only; -1: never)")
    parser.add_argument("--reference-duration", type=float, default=10, help="seconds of the bare endpoint")
    parser.add_argument("--reference-warmup", type=float, default=2)
    parser.add_argument("--skip-reference", action="store_true")
    parser.add_argument("--setting", action="append", default=[], metavar="NAME=VALUE",
                        help="environment of the services, e.g. BOOKING_CONSUMER_PREFETCH=64 (repeatable)")
    parser.add_argument("--without", action="append", default=[], choices=("disputes", "notifications"),
                        help="leave this service out of the stack (repeatable): what it costs the others")
    parser.add_argument("--what-if", action="append", default=[], choices=sorted(WHAT_IFS),
                        help="an experiment, not how the services run: see WHAT_IFS in the source (repeatable)")
    parser.add_argument("--profile", metavar="DIR", help="py-spy record every service during the window into DIR")
    parser.add_argument("--target", type=float, default=150, help="confirmed bookings/s to reach")
    parser.add_argument("--max-rate", type=float, default=400, help="slots are prepared for this rate at most")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--keep", action="store_true", help="keep the databases, queues and logs")
    parser.add_argument("--postgres-url", default=os.environ.get("TEST_POSTGRES_URL", LOCAL_POSTGRES))
    parser.add_argument("--amqp-url", default=os.environ.get("TEST_AMQP_URL", LOCAL_AMQP))
    args = parser.parse_args(argv)
    args.students = args.students or 4 * args.concurrency
    for setting in args.setting:
        if "=" not in setting:
            parser.error(f"--setting {setting!r}: NAME=VALUE")
    return args


def code_version() -> str:
    """The commit measured, and whether tracked files differ from it (read-only git commands)."""
    root = BENCH_DIR.parent
    try:
        commit = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True, timeout=10, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(root), "diff", "--quiet", "HEAD", "--", "services", "shared",
                                "tools"], capture_output=True, timeout=10).returncode != 0
    except (OSError, subprocess.SubprocessError):
        return "not a git checkout"
    return f"commit {commit}" + (" with local changes to services/shared/tools" if dirty else "")


async def postgres_version(url: str) -> str:
    conn = await asyncpg.connect(asyncpg_dsn(url))
    try:
        version = (await conn.fetchval("SHOW server_version")).split()[0]
        return f"PostgreSQL {version} (autovacuum {await conn.fetchval('SHOW autovacuum')})"
    finally:
        await conn.close()


async def analyze(stack: Stack, every_s: float = 0.0) -> None:
    """Planner statistics, as autovacuum would gather them; it may be off (it is on the development
    machines). Without them PostgreSQL plans lookups like `id = $1 AND marketplace_id = $2` (booking's
    event handlers, the ledger's foreign-key checks) on an index led by marketplace_id and reads every
    row of the marketplace each time: a cost that grows with the table. Once, or every `every_s`
    seconds until cancelled."""
    while True:
        for service in stack.services:
            conn = await asyncpg.connect(asyncpg_dsn(stack.database_url(service)))
            try:
                await conn.execute("ANALYZE")
            finally:
                await conn.close()
        if not every_s:
            return
        await asyncio.sleep(every_s)


def _stop_on_sigterm(signum, frame):
    raise SystemExit(143)  # unwinds through the finally blocks: the stack is stopped and dropped


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    run_id = uuid.uuid4().hex[:8]
    info = {"date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), "machine": machine(),
            "postgres": asyncio.run(postgres_version(args.postgres_url)), "run_id": run_id,
            "code": code_version()}
    sampler = CpuSampler(database_prefix=f"bench_booking_{run_id}")
    sampler.name(os.getpid(), "bench client")
    ref = run = checks = setup = None
    causes: Counter = Counter()
    failed = False
    if not args.skip_reference:
        print(f"reference: bare FastAPI endpoint, {args.reference_duration:.0f} s ...", flush=True)
        ref = asyncio.run(reference(args, run_id, sampler))
    state_dir = Path(tempfile.mkdtemp(prefix=f"bench-booking-{run_id}-"))
    extra_env = dict(setting.split("=", 1) for setting in args.setting)
    if args.what_if:
        (state_dir / "what_if").mkdir()
        (state_dir / "what_if" / "sitecustomize.py").write_text("".join(WHAT_IFS[w] for w in args.what_if))
        extra_env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(state_dir / "what_if"),
                                                                os.environ.get("PYTHONPATH")]))
        extra_env["BENCH_SQL_DIR"] = os.environ["BENCH_SQL_DIR"] = str(state_dir / "sql")
    services = [svc for svc in SERVICES if svc not in args.without]
    stack = Stack(db_prefix=f"bench_booking_{run_id}", amqp_namespace=f"bench-booking-{run_id}",
                  base_port=free_base_port(), state_dir=state_dir, postgres_url=args.postgres_url,
                  amqp_url=args.amqp_url, log_json=True,
                  extra_env=extra_env, services=services,
                  progress=lambda message: print(f"stack: {message}", flush=True))
    try:
        stack.start()
        for svc, process in stack.processes.items():
            sampler.name(process.pid, svc)
        setup = asyncio.run(set_up(args, stack))
        if args.analyze_every >= 0:
            asyncio.run(analyze(stack))
        print(f"set-up done in {setup.seconds:.1f} s; load: {args.concurrency} clients, "
              f"{args.warmup:.0f} s warm-up + {args.duration:.0f} s ...", flush=True)
        run = asyncio.run(load(args, stack, setup, sampler, Path(args.profile) if args.profile else None))
        time.sleep(1.0)  # let the last released bookings' events settle before counting
        checks = asyncio.run(check(stack, run))
        causes = error_causes(stack, run)
        stack.raise_if_exited()
    except (StackError, RuntimeError) as exc:
        print(f"\nthe run broke: {exc}\nlogs: {stack.logs_dir}", file=sys.stderr)
        failed = True
        args.keep = True
    finally:
        stack.stop()
        if not args.keep:
            stack.destroy()
            for path in sorted(state_dir.rglob("*"), reverse=True):
                path.unlink() if path.is_file() else path.rmdir()
            state_dir.rmdir()
        else:
            print(f"kept: databases {', '.join(stack.databases)}, namespace {stack.amqp_namespace}, "
                  f"logs {stack.logs_dir}")
    result = print_report(args, info, setup, ref, run, checks)
    if causes:
        print("causes of the errors, from the services' logs (by request id):")
        for cause, count in causes.most_common(10):
            print(f"  x{count}: {cause}")
        result["error_causes"] = dict(causes)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2, default=str))
    if checks is not None and checks.failures:
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
