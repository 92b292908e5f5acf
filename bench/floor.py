"""Floor benchmark: the booking flow's skeleton, with the same processes and libraries as the real
flow and none of our code, i.e. the least this architecture costs per booking on this machine.

    python bench/floor.py                                   # defaults: 30 s measured, 48 clients; ~45 s
    python bench/floor.py --duration 60 --concurrency 96 --json /tmp/floor.json

Needs PostgreSQL and RabbitMQ as the tests do (TEST_POSTGRES_URL / TEST_AMQP_URL, or the local servers;
`--postgres-url` / `--amqp-url`).

Why: bench/booking.py measures the real flow (~60 confirmed/s at ~30 ms of CPU per booking on the
2-core machine; the target is 150/s, i.e. at most ~13 ms). Part of that is the architecture itself:
five Python processes, an HTTP hop, four databases, three events through a broker with publisher
confirms and persistent messages. This script measures that part alone, so it is a lower bound on
what bench/booking.py can reach without changing the architecture, and the gap between the two is
what our code costs.

The skeleton, one OS process per role (`python bench/floor.py serve <role>`, each with its own event
loop, uvloop as uvicorn picks it), each role with its own database `floor_<run id>_<role>` (asyncpg
pool of 10, as the services use) and all sharing one durable topic exchange `floor-<run id>`:

- gateway: FastAPI under uvicorn (its defaults, as bench/_bare_app.py); POST /v1/bookings forwards
  the body to booking through one aiohttp session (keep-alive pool) and returns booking's answer.
- booking: FastAPI under uvicorn; POST /bookings (pydantic body) inserts the booking in one
  transaction, then publishes `booking_requested` and answers 201. Consumes `payment_captured`:
  updates the booking to confirmed in one transaction, publishes `booking_confirmed`, acks.
- wallet: consumes `booking_requested`: inserts a payment, publishes `payment_captured`, acks.
- notifications: consumes requested, captured and confirmed: inserts one row per event, acks.
- disputes: consumes requested and confirmed: upserts the lesson row (ON CONFLICT), acks.

Messaging as the services do it with aio-pika: `connect_robust`, a channel with publisher confirms,
persistent messages, a durable queue per consuming role bound to its routing keys, prefetch 32, the
ack after the handler's transaction committed. The client (this process) runs `--concurrency`
clients in a closed loop, as bench/booking.py does: POST through the gateway (bench/_http.py), then
wait for the booking's `booking_confirmed` on a queue of its own, then the next.

What it leaves out of the real flow, i.e. what bench/booking.py pays for and this does not:
the transactional outbox and its relay (the skeleton publishes after the commit, straight away),
the inbox claims that make consumers idempotent, retry and dead-letter queues, the CloudEvents
envelope and its validation, the gateway's authentication (API key, JWT) and routing, the
Idempotency-Key middleware, the ORM (SQLAlchemy/SQLModel sessions and unit of work), the
marketplace policy, the slot and availability checks and the exclusion constraint, the wallet's
balance check and double-entry ledger, timers (auto-confirm and the like), the booking timeline,
the notification preferences, alerts and lesson bookkeeping, structured logs and Prometheus
metrics. It does not set the services' aiormq tweak (unbounded frame buffer, publish without
waiting for the frame to be written) and runs uvloop where the services run the standard asyncio
loop (bench/booking.py --what-if uvloop). One thing the real flow does that the skeleton does not,
which makes it cheaper there: its consumers handle the messages that arrive together in one
transaction (up to 16); here every event is a transaction of its own, the plain way.

Output: confirmed/s in the window and per 5 s of it, latency POST -> client knows confirmed
(p50/p99/max), and the CPU of every process over the window (bench/_measure.py's CpuSampler; the
run's PostgreSQL backends as "postgresql (ours)") in cores and ms per confirmed booking. Afterwards
the databases are checked: every booking confirmed, one payment each, three notification rows and
one lesson each. Exit status 1 when a booking was lost (201 but not confirmed within 30 s), a check
fails or the run broke. Databases, exchange and queues are removed at the end, on Ctrl-C and on error.
"""

import argparse
import asyncio
import contextlib
import ctypes
import ctypes.util
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import aio_pika
import asyncpg

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the bench/_*.py helpers

from _http import Connection, ConnectionLost
from _load import closed_loop
from _measure import CpuSampler, machine, percentile, print_cpu_table

SCRIPT = Path(__file__).resolve()
REQUESTED, CAPTURED, CONFIRMED = "booking_requested", "payment_captured", "booking_confirmed"
ROLES = ("gateway", "booking", "wallet", "notifications", "disputes")
HTTP_ROLES = ("gateway", "booking")
CONSUMES = {
    "booking": (CAPTURED,),
    "wallet": (REQUESTED,),
    "notifications": (REQUESTED, CAPTURED, CONFIRMED),
    "disputes": (REQUESTED, CONFIRMED),
}
TABLES = {
    "booking": "CREATE TABLE bookings (id text PRIMARY KEY, offering_id text NOT NULL, student_id text NOT NULL, "
               "starts_at timestamptz NOT NULL, status text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())",
    "wallet": "CREATE TABLE payments (id text PRIMARY KEY, booking_id text NOT NULL, amount_minor bigint NOT NULL, "
              "created_at timestamptz NOT NULL DEFAULT now())",
    "notifications": "CREATE TABLE notifications (id text PRIMARY KEY, booking_id text NOT NULL, event text NOT NULL, "
                     "created_at timestamptz NOT NULL DEFAULT now())",
    "disputes": "CREATE TABLE lessons (booking_id text PRIMARY KEY, status text NOT NULL, "
                "updated_at timestamptz NOT NULL DEFAULT now())",
}
POOL_SIZE = 10
PREFETCH = 32
CONFIRM_TIMEOUT_S = 30.0
LOCAL_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"
LOCAL_AMQP = "amqp://guest:guest@127.0.0.1:5672/"
TARGET_NOTE = "bench/booking.py's target: >= 150 confirmed bookings/s, i.e. <= ~13 ms CPU a booking"


def exchange_name(run_id: str) -> str:
    return f"floor-{run_id}"


def queue_name(run_id: str, role: str) -> str:
    return f"floor-{run_id}.{role}"


def database_name(run_id: str, role: str) -> str:
    return f"floor_{run_id}_{role}"


def database_dsn(url: str, database: str) -> str:
    """asyncpg's DSN for `database` on the server of `url` (which may name SQLAlchemy's driver)."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme.split("+")[0], parts.netloc, f"/{database}", parts.query, ""))


def admin_dsn(url: str) -> str:
    """The database of `url` itself, where the run's databases are created and dropped."""
    return database_dsn(url, urlsplit(url).path.strip("/") or "postgres")


# ================================================================================ the roles (children)

async def open_bus(amqp_url: str, run_id: str) -> tuple[aio_pika.abc.AbstractRobustConnection,
                                                        aio_pika.abc.AbstractExchange]:
    connection = await aio_pika.connect_robust(amqp_url)
    channel = await connection.channel()  # publisher confirms: aio-pika's default
    exchange = await channel.declare_exchange(exchange_name(run_id), aio_pika.ExchangeType.TOPIC, durable=True)
    return connection, exchange


async def publish(exchange: aio_pika.abc.AbstractExchange, routing_key: str, payload: dict) -> None:
    """Returns once the broker confirmed the message: routed, and written to disk for the durable queues."""
    message = aio_pika.Message(json.dumps(payload).encode(), content_type="application/json",
                               delivery_mode=aio_pika.DeliveryMode.PERSISTENT)
    await exchange.publish(message, routing_key=routing_key)


async def consume(connection: aio_pika.abc.AbstractRobustConnection, run_id: str, role: str,
                  handler: Callable[[str, dict], Awaitable[None]]) -> None:
    channel = await connection.channel()
    await channel.set_qos(prefetch_count=PREFETCH)
    exchange = await channel.declare_exchange(exchange_name(run_id), aio_pika.ExchangeType.TOPIC, durable=True)
    queue = await channel.declare_queue(queue_name(run_id, role), durable=True)
    for key in CONSUMES[role]:
        await queue.bind(exchange, routing_key=key)

    async def on_message(message: aio_pika.abc.AbstractIncomingMessage) -> None:
        try:
            await handler(message.routing_key or "", json.loads(message.body))
        except Exception:
            # Back to the queue: a handler that keeps failing shows as lost bookings, not a hang.
            await message.reject(requeue=True)
            raise
        await message.ack()

    await queue.consume(on_message)


def serve_gateway(args: argparse.Namespace) -> None:
    import aiohttp
    import uvicorn
    from fastapi import FastAPI, Request, Response

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.booking = aiohttp.ClientSession(f"http://127.0.0.1:{args.booking_port}")
        yield
        await app.state.booking.close()

    app = FastAPI(lifespan=lifespan)

    @app.post("/v1/bookings")
    async def create_booking(request: Request) -> Response:
        async with request.app.state.booking.post("/bookings", data=await request.body(),
                                                  headers={"Content-Type": "application/json"}) as answer:
            return Response(await answer.read(), status_code=answer.status, media_type="application/json")

    @app.get("/healthz")
    async def healthz() -> dict:
        return {"status": "ok"}

    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning", access_log=False)


def serve_booking(args: argparse.Namespace) -> None:
    import uvicorn
    from fastapi import FastAPI
    from pydantic import BaseModel

    class BookingIn(BaseModel):
        offering_id: str
        starts_at: datetime
        student_id: str

    class BookingOut(BaseModel):
        id: str
        status: str

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        pool = await asyncpg.create_pool(args.dsn, min_size=POOL_SIZE, max_size=POOL_SIZE)
        connection, exchange = await open_bus(args.amqp_url, args.run_id)

        async def on_captured(routing_key: str, payload: dict) -> None:
            async with pool.acquire() as conn, conn.transaction():
                await conn.execute("UPDATE bookings SET status = 'confirmed' WHERE id = $1", payload["booking_id"])
            await publish(exchange, CONFIRMED, {"booking_id": payload["booking_id"], "status": "confirmed"})

        await consume(connection, args.run_id, "booking", on_captured)
        app.state.pool, app.state.exchange = pool, exchange
        yield
        await connection.close()
        await pool.close()

    app = FastAPI(lifespan=lifespan)

    @app.post("/bookings", status_code=201)
    async def create_booking(booking: BookingIn) -> BookingOut:
        booking_id = uuid.uuid4().hex
        async with app.state.pool.acquire() as conn, conn.transaction():
            await conn.execute("INSERT INTO bookings (id, offering_id, student_id, starts_at, status) "
                               "VALUES ($1, $2, $3, $4, 'pending')",
                               booking_id, booking.offering_id, booking.student_id, booking.starts_at)
        await publish(app.state.exchange, REQUESTED, {
            "booking_id": booking_id, "offering_id": booking.offering_id, "student_id": booking.student_id,
            "starts_at": booking.starts_at.isoformat(), "status": "pending"})
        return BookingOut(id=booking_id, status="pending")

    @app.get("/healthz")
    async def healthz() -> dict:
        return {"status": "ok"}

    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning", access_log=False)


def consumer_handler(role: str, pool: asyncpg.Pool,
                     exchange: aio_pika.abc.AbstractExchange) -> Callable[[str, dict], Awaitable[None]]:
    if role == "wallet":
        async def handle(routing_key: str, payload: dict) -> None:
            payment_id = uuid.uuid4().hex
            async with pool.acquire() as conn, conn.transaction():
                await conn.execute("INSERT INTO payments (id, booking_id, amount_minor) VALUES ($1, $2, 1000)",
                                   payment_id, payload["booking_id"])
            await publish(exchange, CAPTURED, {"booking_id": payload["booking_id"], "payment_id": payment_id})
    elif role == "notifications":
        async def handle(routing_key: str, payload: dict) -> None:
            async with pool.acquire() as conn, conn.transaction():
                await conn.execute("INSERT INTO notifications (id, booking_id, event) VALUES ($1, $2, $3)",
                                   uuid.uuid4().hex, payload["booking_id"], routing_key)
    elif role == "disputes":
        async def handle(routing_key: str, payload: dict) -> None:
            status = "confirmed" if routing_key == CONFIRMED else "pending"
            # Up to `PREFETCH` messages are handled at once, so a booking's `requested` can commit after
            # its `confirmed`: it must not take the lesson back to pending.
            async with pool.acquire() as conn, conn.transaction():
                await conn.execute("INSERT INTO lessons (booking_id, status) VALUES ($1, $2) ON CONFLICT (booking_id) "
                                   "DO UPDATE SET status = CASE WHEN excluded.status = 'confirmed' THEN 'confirmed' "
                                   "ELSE lessons.status END, updated_at = now()",
                                   payload["booking_id"], status)
    else:
        raise ValueError(f"no consumer role {role!r}")
    return handle


async def run_consumer(args: argparse.Namespace) -> None:
    pool = await asyncpg.create_pool(args.dsn, min_size=POOL_SIZE, max_size=POOL_SIZE)
    connection, exchange = await open_bus(args.amqp_url, args.run_id)
    await consume(connection, args.run_id, args.role, consumer_handler(args.role, pool, exchange))
    stop = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        asyncio.get_running_loop().add_signal_handler(signum, stop.set)
    await asyncio.to_thread(Path(args.ready).touch)
    await stop.wait()
    await connection.close()
    await pool.close()


def serve(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="floor.py serve")
    parser.add_argument("role", choices=ROLES)
    parser.add_argument("--run-id", required=True)
    parser.add_argument("--port", type=int)
    parser.add_argument("--booking-port", type=int)
    parser.add_argument("--ready", help="file to create once consuming (consumer roles)")
    args = parser.parse_args(argv)
    # The URLs come through the environment: a password on a command line is visible to `ps`.
    args.amqp_url = os.environ["FLOOR_AMQP_URL"]
    args.dsn = database_dsn(os.environ["FLOOR_POSTGRES_URL"], database_name(args.run_id, args.role))
    if args.role == "gateway":
        serve_gateway(args)
    elif args.role == "booking":
        serve_booking(args)
    else:
        from uvicorn.loops.auto import auto_loop_factory  # the loop uvicorn runs the HTTP roles on

        with asyncio.Runner(loop_factory=auto_loop_factory()) as runner:
            runner.run(run_consumer(args))
    return 0


# ======================================================================== the skeleton's set-up (main)

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _die_with_parent() -> Callable[[], None] | None:
    """preexec_fn: the child gets SIGTERM when this process dies, even by SIGKILL (Linux)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    except OSError:
        return None

    def preexec() -> None:
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG

    return preexec


class RunBroke(RuntimeError):
    """The skeleton could not start or a role stopped; the message says which and shows its log."""


class Skeleton:
    """The run's databases, children and AMQP names, and their removal."""

    def __init__(self, args: argparse.Namespace, run_id: str):
        self.args, self.run_id = args, run_id
        self.databases = [database_name(run_id, role) for role in TABLES]
        self.ports = {"gateway": free_port(), "booking": free_port()}
        while self.ports["booking"] == self.ports["gateway"]:
            self.ports["booking"] = free_port()
        self.state_dir = Path(tempfile.mkdtemp(prefix=f"floor-{run_id}-"))
        self.children: dict[str, subprocess.Popen] = {}

    async def create_databases(self) -> None:
        admin = await asyncpg.connect(admin_dsn(self.args.postgres_url))
        try:
            for database in self.databases:
                await admin.execute(f'CREATE DATABASE "{database}"')
        finally:
            await admin.close()
        for role, ddl in TABLES.items():
            conn = await asyncpg.connect(database_dsn(self.args.postgres_url, database_name(self.run_id, role)))
            try:
                await conn.execute(ddl)
            finally:
                await conn.close()

    def spawn(self) -> None:
        env = {**os.environ, "FLOOR_POSTGRES_URL": self.args.postgres_url, "FLOOR_AMQP_URL": self.args.amqp_url}
        for role in ROLES:
            command = [sys.executable, str(SCRIPT), "serve", role, "--run-id", self.run_id]
            if role in self.ports:
                command += ["--port", str(self.ports[role])]
            if role == "gateway":
                command += ["--booking-port", str(self.ports["booking"])]
            elif role not in HTTP_ROLES:
                command += ["--ready", str(self.state_dir / f"{role}.ready")]
            with open(self.log(role), "wb") as log:
                # A session of its own: Ctrl-C reaches this process only, which then stops the children in order.
                self.children[role] = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                                       env=env, start_new_session=True,
                                                       preexec_fn=_die_with_parent())

    def log(self, role: str) -> Path:
        return self.state_dir / f"{role}.log"

    def tail(self, role: str, lines: int = 25) -> str:
        try:
            text = self.log(role).read_text(errors="replace").rstrip().splitlines()
        except OSError:
            return "(no log)"
        return "\n".join(f"    {line}" for line in text[-lines:]) or "    (empty)"

    def raise_if_exited(self) -> None:
        for role, process in self.children.items():
            if process.poll() is not None:
                raise RunBroke(f"{role} exited with {process.returncode}:\n{self.tail(role)}")

    async def wait_ready(self, timeout_s: float = 60) -> None:
        # HTTP roles are ready when they answer (booking's lifespan has started its consumer by then);
        # consumer roles create their file once consuming.
        deadline = time.monotonic() + timeout_s
        waiting = set(ROLES)
        while waiting:
            self.raise_if_exited()
            for role in sorted(waiting):
                if role in HTTP_ROLES:
                    connection = Connection("127.0.0.1", self.ports[role], timeout_s=2)
                    try:
                        if (await connection.request("GET", "/healthz")).status == 200:
                            waiting.discard(role)
                    except (ConnectionLost, OSError, TimeoutError):
                        pass
                    finally:
                        await connection.close()
                elif (self.state_dir / f"{role}.ready").exists():
                    waiting.discard(role)
            if waiting and time.monotonic() > deadline:
                raise RunBroke(f"not ready after {timeout_s:.0f} s: {', '.join(sorted(waiting))}")
            await asyncio.sleep(0.1)

    def stop(self) -> None:
        for process in self.children.values():
            if process.poll() is None:
                process.terminate()
        for role, process in self.children.items():
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                print(f"{role} did not stop in 10 s: killed", file=sys.stderr)
                process.kill()
                process.wait()

    async def remove(self) -> list[str]:
        """Drop the databases, delete the queues and the exchange; returns what could not be removed."""
        problems = []
        try:
            admin = await asyncpg.connect(admin_dsn(self.args.postgres_url))
            try:
                for database in self.databases:
                    await admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            finally:
                await admin.close()
        except (OSError, asyncpg.PostgresError) as exc:
            problems.append(f"databases {', '.join(self.databases)}: {exc}")
        try:
            connection = await aio_pika.connect(self.args.amqp_url)
            try:
                channel = await connection.channel()
                for name in [queue_name(self.run_id, role) for role in (*CONSUMES, "client")]:
                    if channel.is_closed:  # a broker error closes the channel: go on with a new one
                        channel = await connection.channel()
                    with contextlib.suppress(aio_pika.exceptions.AMQPError):
                        await channel.queue_delete(name)
                if channel.is_closed:
                    channel = await connection.channel()
                await channel.exchange_delete(exchange_name(self.run_id))
            finally:
                await connection.close()
        except (OSError, aio_pika.exceptions.AMQPError) as exc:
            problems.append(f"exchange {exchange_name(self.run_id)} and its queues: {exc}")
        return problems

    def destroy(self) -> None:
        self.stop()
        try:
            problems = asyncio.run(self.remove())
        except KeyboardInterrupt:
            problems = ["interrupted while cleaning up"]
        for problem in problems:
            print(f"could not remove {problem}", file=sys.stderr)
        shutil.rmtree(self.state_dir, ignore_errors=True)


# ======================================================================================= the load

@dataclass
class Sample:
    started: float  # time.time() when the POST was sent
    outcome: str  # "confirmed", "lost" (201, not confirmed in time), "error <what>"
    post_s: float = float("nan")
    done_at: float = float("nan")  # time.time() when the client learned of the confirmation
    booking_id: str | None = None
    detail: str = ""


@dataclass
class Phase:
    window: tuple[float, float] = (0.0, 0.0)
    samples: list[Sample] = field(default_factory=list)
    cpu: dict[str, tuple[float, float]] = field(default_factory=dict)  # group -> (user, system) seconds
    machine_s: dict[str, float] = field(default_factory=dict)

    @property
    def seconds(self) -> float:
        return self.window[1] - self.window[0]

    def in_window(self, moment: float) -> bool:
        return self.window[0] <= moment < self.window[1]


class Confirmations:
    """`booking_confirmed` on the client's own queue: wakes the client waiting for that booking."""

    def __init__(self) -> None:
        self.seen: dict[str, float] = {}
        self.waiting: dict[str, asyncio.Future] = {}
        self.connection: aio_pika.abc.AbstractRobustConnection | None = None

    async def start(self, amqp_url: str, run_id: str) -> None:
        self.connection = await aio_pika.connect_robust(amqp_url)
        channel = await self.connection.channel()
        exchange = await channel.declare_exchange(exchange_name(run_id), aio_pika.ExchangeType.TOPIC, durable=True)
        # As bench/booking.py's listener: the client's view, not a service's, so no acks and no durability.
        queue = await channel.declare_queue(queue_name(run_id, "client"), exclusive=True, auto_delete=True)
        await queue.bind(exchange, routing_key=CONFIRMED)
        await queue.consume(self._on_message, no_ack=True)

    async def _on_message(self, message: aio_pika.abc.AbstractIncomingMessage) -> None:
        arrived = time.time()
        booking_id = json.loads(message.body)["booking_id"]
        self.seen.setdefault(booking_id, arrived)
        waiter = self.waiting.pop(booking_id, None)
        if waiter is not None and not waiter.done():
            waiter.set_result(self.seen[booking_id])

    async def wait(self, booking_id: str, timeout_s: float) -> float:
        if booking_id in self.seen:  # the event can beat the POST's answer
            return self.seen[booking_id]
        waiter = self.waiting[booking_id] = asyncio.get_running_loop().create_future()
        try:
            return await asyncio.wait_for(waiter, timeout_s)
        finally:
            self.waiting.pop(booking_id, None)

    async def close(self) -> None:
        if self.connection is not None:
            await self.connection.close()


async def load(args: argparse.Namespace, skeleton: Skeleton, sampler: CpuSampler) -> Phase:
    phase = Phase()
    connections = [Connection("127.0.0.1", skeleton.ports["gateway"]) for _ in range(args.concurrency)]
    confirmations = Confirmations()
    await confirmations.start(args.amqp_url, skeleton.run_id)
    turns = [0] * args.concurrency
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).replace(minute=0, second=0, microsecond=0)

    async def iteration(user: int) -> Sample:
        turns[user] += 1
        body = {"offering_id": f"offering-{user:04d}", "student_id": f"student-{user:04d}",
                "starts_at": (tomorrow + timedelta(minutes=30 * turns[user])).isoformat()}
        started, t0 = time.time(), time.perf_counter()
        try:
            answer = await connections[user].request("POST", "/v1/bookings", json=body)
        except (ConnectionLost, OSError, TimeoutError) as exc:
            return Sample(started, f"error {type(exc).__name__}", detail=str(exc)[:200])
        post_s = time.perf_counter() - t0
        if answer.status != 201:
            return Sample(started, f"error {answer.status}", post_s=post_s, detail=answer.text[:200])
        booking_id = answer.json()["id"]
        try:
            done_at = await confirmations.wait(booking_id, CONFIRM_TIMEOUT_S)
        except TimeoutError:
            return Sample(started, "lost", post_s=post_s, booking_id=booking_id,
                          detail=f"201 but not confirmed in {CONFIRM_TIMEOUT_S:.0f} s")
        return Sample(started, "confirmed", post_s=post_s, done_at=done_at, booking_id=booking_id)

    async def on_window():
        before = sampler.snapshot()

        async def finish() -> None:
            phase.cpu, phase.machine_s = CpuSampler.delta(before, sampler.snapshot())

        return finish

    try:
        await closed_loop(phase, args.concurrency, iteration, args.warmup, args.duration, on_window=on_window)
    finally:
        for connection in connections:
            await connection.close()
        await confirmations.close()
    return phase


async def check(skeleton: Skeleton, phase: Phase, settle_s: float = 10.0) -> list[str]:
    """Every booking the client was told of went the whole way in every database. The consumers of
    `booking_confirmed` may still be at work when the last client is told: wait until the counts
    settle, for `settle_s` at most."""
    created = sum(1 for s in phase.samples if s.booking_id)
    queries = {
        "booking": "SELECT count(*) FILTER (WHERE status = 'confirmed'), count(*) FROM bookings",
        "wallet": "SELECT count(DISTINCT booking_id), count(*) FROM payments",
        "notifications": "SELECT count(DISTINCT booking_id), count(*) FROM notifications",
        "disputes": "SELECT count(*) FILTER (WHERE status = 'confirmed'), count(*) FROM lessons",
    }
    deadline = time.monotonic() + settle_s
    while True:
        counts = {}
        for role, query in queries.items():
            conn = await asyncpg.connect(database_dsn(skeleton.args.postgres_url, database_name(skeleton.run_id, role)))
            try:
                counts[role] = tuple(await conn.fetchrow(query))
            finally:
                await conn.close()
        failures = []
        if counts["booking"] != (created, created):
            failures.append(f"booking: {counts['booking'][0]} confirmed of {counts['booking'][1]} rows, "
                            f"{created} answered 201")
        if counts["wallet"] != (created, created):
            failures.append(f"wallet: {counts['wallet'][1]} payments of {counts['wallet'][0]} bookings")
        if counts["notifications"] != (created, 3 * created):
            failures.append(f"notifications: {counts['notifications'][1]} rows of {counts['notifications'][0]} "
                            f"bookings, {3 * created} expected")
        if counts["disputes"] != (created, created):
            failures.append(f"disputes: {counts['disputes'][0]} confirmed of {counts['disputes'][1]} lessons")
        if not failures or time.monotonic() > deadline:
            return failures
        await asyncio.sleep(0.5)


# ======================================================================================= the report

def redact(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@", 1)))


def ms(value: float) -> str:
    return "-" if value != value else f"{value * 1e3:.0f}"


def summarize(phase: Phase) -> dict:
    done = [s for s in phase.samples if s.outcome == "confirmed" and phase.in_window(s.done_at)]
    # Latency of the bookings started in the window, as bench/booking.py counts it.
    seen = [s.done_at - s.started for s in phase.samples if s.outcome == "confirmed" and phase.in_window(s.started)]
    posts = [s.post_s for s in phase.samples if phase.in_window(s.started) and s.post_s == s.post_s]
    buckets = Counter(int((s.done_at - phase.window[0]) // 5) for s in done)
    problems = Counter(f"{s.outcome}: {s.detail[:160]}" for s in phase.samples if s.outcome != "confirmed")
    return {
        "rate_per_s": len(done) / phase.seconds if phase.seconds else float("nan"),
        "confirmed_in_window": len(done),
        "requests_total": len(phase.samples),
        "p50_s": percentile(seen, 50), "p99_s": percentile(seen, 99), "max_s": max(seen, default=float("nan")),
        "post_p50_s": percentile(posts, 50), "post_p99_s": percentile(posts, 99),
        "per_5s": [buckets.get(i, 0) / 5 for i in range(int(phase.seconds // 5))],
        "outcomes": dict(Counter(s.outcome for s in phase.samples)),
        "lost": sum(1 for s in phase.samples if s.outcome == "lost"),
        "error_count": sum(1 for s in phase.samples if s.outcome.startswith("error")),
        "problems": dict(problems.most_common(8)),
    }


def print_report(args: argparse.Namespace, info: dict, phase: Phase, failures: list[str]) -> dict:
    line = "-" * 100
    print(f"\n{line}\nFloor benchmark (the booking flow's skeleton)  {info['date']}\n{line}")
    print(f"machine    {info['machine']['cores']} cores ({info['machine']['cpu']}), "
          f"{info['machine']['memory_gb']} GB, Python {info['machine']['python']}, {info['postgres']}")
    print(f"params     clients {args.concurrency}, measured {args.duration:.0f} s after {args.warmup:.0f} s warm-up, "
          f"run {info['run_id']}, ready in {info['startup_s']:.1f} s")
    fig = summarize(phase)
    params = {k: redact(v) if k.endswith("_url") else v for k, v in vars(args).items() if k != "json"}
    result = {"info": info, "params": params, "floor": fig}
    print(f"\n{'what':44} {'per s':>8} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'count':>7} {'errors':>7}")
    print(f"{'floor: POST -> client knows confirmed':44} {fig['rate_per_s']:8.1f} {ms(fig['p50_s']):>8} "
          f"{ms(fig['p99_s']):>8} {ms(fig['max_s']):>8} {fig['confirmed_in_window']:7d} "
          f"{fig['error_count'] + fig['lost']:7d}")
    print(f"{'floor: POST /v1/bookings answered (201)':44} {'':8} {ms(fig['post_p50_s']):>8} "
          f"{ms(fig['post_p99_s']):>8}")
    if fig["per_5s"]:
        print(f"\nconfirmed/s per 5 s of the window: {' '.join(f'{r:.0f}' for r in fig['per_5s'])} "
              f"(min {min(fig['per_5s']):.0f})")
    print(f"outcomes: {fig['outcomes']}")
    for problem, count in fig["problems"].items():
        print(f"  x{count}: {problem}")
    verdict = "FAILED: " + "; ".join(failures) if failures else "OK"
    print(f"checks     every booking confirmed, paid once, notified three times, one lesson: {verdict}")
    result["check_failures"] = failures
    done = max(1, fig["confirmed_in_window"])
    if phase.cpu:
        print_cpu_table("", phase.seconds, phase.machine_s, phase.cpu, info["machine"]["cores"], done, "confirmed")
        print(f"\n({TARGET_NOTE}; the rate is about the cores the flow gets divided by its CPU per booking)")
        result["cpu"] = {g: {"cores": (u + s) / phase.seconds, "ms_per_confirmed": (u + s) / done * 1e3,
                             "kernel_share": s / (u + s) if u + s else 0.0} for g, (u, s) in phase.cpu.items()}
        ours = sum(u + s for g, (u, s) in phase.cpu.items() if g != "other")
        result["cpu_all_but_other_ms_per_confirmed"] = ours / done * 1e3
        result["machine_busy_cores"] = {k: v / phase.seconds for k, v in phase.machine_s.items()}
    print(line)
    return result


# ============================================================================================ main

def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=30, help="measured seconds (default %(default)s)")
    parser.add_argument("--warmup", type=float, default=5, help="seconds before the window (default %(default)s)")
    parser.add_argument("--concurrency", "-c", type=int, default=48, help="concurrent clients (default %(default)s)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--postgres-url", default=os.environ.get("TEST_POSTGRES_URL", LOCAL_POSTGRES))
    parser.add_argument("--amqp-url", default=os.environ.get("TEST_AMQP_URL", LOCAL_AMQP))
    return parser.parse_args(argv)


async def postgres_version(url: str) -> str:
    conn = await asyncpg.connect(admin_dsn(url))
    try:
        return f"PostgreSQL {(await conn.fetchval('SHOW server_version')).split()[0]}"
    finally:
        await conn.close()


async def measure(args: argparse.Namespace, skeleton: Skeleton, sampler: CpuSampler,
                  info: dict) -> tuple[Phase, list[str]]:
    started = time.monotonic()
    await skeleton.create_databases()
    skeleton.spawn()
    for role, process in skeleton.children.items():
        sampler.name(process.pid, role)
    await skeleton.wait_ready()
    info["startup_s"] = time.monotonic() - started
    print(f"skeleton ready in {info['startup_s']:.1f} s; load: {args.concurrency} clients, "
          f"{args.warmup:.0f} s warm-up + {args.duration:.0f} s ...", flush=True)
    phase = await load(args, skeleton, sampler)
    skeleton.raise_if_exited()
    return phase, await check(skeleton, phase)


_terminated = False


def _stop_on_sigterm(signum, frame):
    # Taken as Ctrl-C: asyncio.run then cancels the measurement cleanly (an exception raised here would
    # land in whichever task is running), and main's finally stops the children and drops the databases.
    global _terminated
    _terminated = True
    signal.raise_signal(signal.SIGINT)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["serve"]:
        return serve(argv[1:])
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    run_id = uuid.uuid4().hex[:8]
    info = {"date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), "machine": machine(),
            "postgres": asyncio.run(postgres_version(args.postgres_url)), "run_id": run_id, "startup_s": 0.0}
    sampler = CpuSampler(database_prefix=f"floor_{run_id}_")
    sampler.name(os.getpid(), "bench client")
    skeleton = Skeleton(args, run_id)
    try:
        phase, failures = asyncio.run(measure(args, skeleton, sampler, info))
    except (RunBroke, OSError, asyncpg.PostgresError, aio_pika.exceptions.AMQPError) as exc:
        print(f"\nthe run broke: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"\n{'terminated' if _terminated else 'interrupted'}: cleaning up", file=sys.stderr)
        return 143 if _terminated else 130
    finally:
        skeleton.destroy()
    result = print_report(args, info, phase, failures)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2, default=str))
    return 1 if failures or result["floor"]["lost"] or result["floor"]["error_count"] else 0


if __name__ == "__main__":
    sys.exit(main())
