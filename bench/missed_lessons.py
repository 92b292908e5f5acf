"""Missed-lesson benchmark: providers declare their own misses through the gateway at a fixed rate and
settle each with a refund as credits, every service running as its own process.

    python bench/missed_lessons.py                       # defaults: 100 flows/s, 5 s warm-up, 20 s measured
    python bench/missed_lessons.py --rate 50 --duration 30 --providers 40

Needs PostgreSQL and RabbitMQ as the tests do (TEST_POSTGRES_URL / TEST_AMQP_URL, or the local servers).

One flow is what a provider's frontend does when they missed a lesson (issue 5, MS-1, MS-2, RF-1):
1. POST /v1/reports {kind: provider_absent}: the provider declares their own miss (disputes);
2. booking turns the report into `booking.lesson_missed.v1`; the provider's frontend hears of it (here:
   a queue of the benchmark's own bound to the stack's exchange) and at once
3. POST /v1/bookings/{id}/miss-resolution {remedy: credit_refund} (booking: `booking.miss_resolved.v1`);
4. the wallet refunds the student as credits (a refund row and a ledger transaction) and notifications
   records the student's refund alert.
Figures, per flow, from the report's POST: to the refund in the ledger (the wallet's refunds.created_at)
and to the student's refund alert being recorded (notifications' alerts.created_at), read from the
databases after the run so that measuring adds no load. Flows start on a fixed schedule (open loop:
a slow answer does not slow the next start); "rate held" compares the flows started and finished per
second with the target.

Set-up, not measured: a marketplace ("lessons" preset), `--providers` providers with a 30-minute
offering, students with credits, and one booked lesson per flow (booked through the gateway, confirmed
by the saga); then the lessons are moved into the past in booking's and disputes' databases (the one
step no partner can take: a lesson's hour has to pass before it can be missed), keeping their order so
that no provider's lessons overlap.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aio_pika
import asyncpg
import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the bench/_*.py helpers

from _http import Connection, ConnectionLost, Response
from _measure import CpuSampler, machine, percentile

from devstack import Stack, StackError, free_base_port
from devstack.infra import LOCAL_AMQP, LOCAL_POSTGRES
from shared.database import asyncpg_dsn

ALL_DAY_EVERY_DAY = [{"weekday": day, "start": "00:00", "end": "24:00"} for day in range(1, 8)]
CARD = "4242424242424242"
MISSED = "booking.lesson_missed.v1"
TARGET_NOTE = "issue 5: p99 under 100 ms at 100 flows/s on the 2-core machine"


@dataclass
class Setup:
    providers: dict[str, dict[str, str]]  # provider id -> headers
    bookings: list[tuple[str, str]]  # (booking id, provider id), in the order the flows use them
    seconds: float = 0.0


@dataclass
class Flow:
    booking_id: str
    started: float  # wall clock (epoch seconds) of the report's POST
    report_status: int = 0
    resolution_status: int = 0
    resolution_error: str = ""


@dataclass
class Run:
    flows: list[Flow] = field(default_factory=list)
    window: tuple[float, float] = (0.0, 0.0)
    missed_seen: dict[str, float] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)


class Gateway:
    def __init__(self, client: httpx.AsyncClient, limit: int = 16):
        self.client, self.limit = client, asyncio.Semaphore(limit)

    async def call(self, method: str, path: str, expect: int, headers: dict, body=None, params=None) -> dict:
        async with self.limit:
            answer = await self.client.request(method, path, json=body, params=params,
                                               headers={**headers, "Idempotency-Key": uuid.uuid4().hex})
        if answer.status_code != expect:
            raise RuntimeError(f"set-up: {method} {path}: {answer.status_code} {answer.text[:300]}")
        return answer.json()


async def set_up(args, stack: Stack) -> Setup:
    started = time.monotonic()
    needed = int(args.rate * (args.warmup + args.duration)) + 20
    async with httpx.AsyncClient(base_url=stack.gateway_url, timeout=60,
                                 limits=httpx.Limits(max_connections=32)) as client:
        gw = Gateway(client)
        operator = {"X-Operator-Key": stack.keys.operator_key}
        await gw.call("POST", "/v1/admin/marketplaces", 201, operator,
                      {"id": "bench", "name": "Bench lessons", "policy_preset": "lessons"})
        api_key = (await gw.call("POST", "/v1/admin/marketplaces/bench/api-keys", 201, operator))["key"]

        async def user(user_id: str, role: str) -> dict[str, str]:
            token = await gw.call("POST", "/v1/auth/tokens", 201, {"X-Api-Key": api_key},
                                  {"user_id": user_id, "role": role})
            return {"X-Api-Key": api_key, "Authorization": f"Bearer {token['access_token']}"}

        provider_ids = [f"pro-{n:04d}" for n in range(args.providers)]
        providers = dict(zip(provider_ids, await asyncio.gather(*(user(p, "provider") for p in provider_ids)),
                             strict=True))
        students = await asyncio.gather(*(user(f"stu-{n:05d}", "student") for n in range(args.students)))
        deadline = time.monotonic() + 60
        while (await client.get("/v1/marketplace", headers=students[0])).status_code != 200:
            if time.monotonic() > deadline:
                raise RuntimeError("booking did not learn of the marketplace in 60 s")
            await asyncio.sleep(0.2)

        async def publish(n: int, headers: dict) -> str:
            await gw.call("PUT", "/v1/providers/me", 201, headers,
                          {"display_name": f"Provider {n}", "timezone": "Europe/Berlin", "lesson_kinds": ["guitar"]})
            offering = await gw.call("POST", "/v1/offerings", 201, headers, {
                "title": "Guitar, 30 min", "kind": "guitar", "duration_minutes": 30,
                "price": {"amount_minor": args.price, "currency": "EUR"}})
            await gw.call("PUT", "/v1/providers/me/availability", 200, headers, ALL_DAY_EVERY_DAY)
            return offering["id"]

        offerings = await asyncio.gather(*(publish(n, h) for n, h in enumerate(providers.values())))
        per_student = -(-needed // len(students))

        async def fund(headers: dict) -> None:
            # The card goes to the (sandbox) processor, as a partner's card form sends it; we get its token.
            tokenized = await client.post(f"{stack.url('wallet')}/sandbox-processor/v1/tokens", json={
                "number": CARD, "exp_month": 12, "exp_year": datetime.now(UTC).year + 3, "cvc": "123"})
            card = await gw.call("POST", "/v1/payment-methods", 201, headers, {"token": tokenized.json()["token"]})
            await gw.call("POST", "/v1/wallet/top-ups", 201, headers,
                          {"amount": {"amount_minor": args.price * per_student, "currency": "EUR"},
                           "payment_method_id": card["id"]})

        await asyncio.gather(*(fund(h) for h in students))
        start = (datetime.now(UTC) + timedelta(days=1)).replace(minute=0, second=0, microsecond=0)
        per_provider = -(-needed // len(offerings))
        wanted = [(offering, provider_ids[p], start + timedelta(minutes=30 * k))
                  for k in range(per_provider) for p, offering in enumerate(offerings)][:needed]

        async def book(index: int, offering: str, provider_id: str, at: datetime) -> tuple[str, str]:
            answer = await gw.call("POST", "/v1/bookings", 201, students[index % len(students)], {
                "offering_id": offering, "starts_at": at.isoformat(), "payment": {"method": "credits"}})
            return answer["id"], provider_id

        bookings = list(await asyncio.gather(*(book(i, *w) for i, w in enumerate(wanted))))
    await wait_confirmed(stack, [b for b, _ in bookings])
    await move_into_the_past(stack, [b for b, _ in bookings])
    await wait_settled(stack)
    return Setup(providers, bookings, time.monotonic() - started)


async def wait_confirmed(stack: Stack, booking_ids: list[str], timeout_s: float = 600) -> None:
    conn = await asyncpg.connect(asyncpg_dsn(stack.database_url("booking")))
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            confirmed = await conn.fetchval("SELECT count(*) FROM bookings WHERE id = ANY($1) AND status = "
                                            "'confirmed'", booking_ids)
            if confirmed == len(booking_ids):
                return
            if time.monotonic() > deadline:
                raise RuntimeError(f"only {confirmed} of {len(booking_ids)} bookings confirmed")
            await asyncio.sleep(0.5)
    finally:
        await conn.close()


async def wait_settled(stack: Stack, timeout_s: float = 300) -> None:
    """Until the set-up's events are all handled (every service's queue empty three times running):
    the measured flows must not queue behind the bookings' confirmations, reminders and alerts."""
    connection = await aio_pika.connect(stack.amqp_url)
    try:
        channel = await connection.channel()
        deadline, quiet = time.monotonic() + timeout_s, 0
        while quiet < 3:
            waiting = 0
            for service in ("booking", "wallet", "disputes", "notifications"):
                queue = await channel.declare_queue(f"{stack.amqp_namespace}.{service}", passive=True)
                waiting += queue.declaration_result.message_count
            quiet = quiet + 1 if waiting == 0 else 0
            if time.monotonic() > deadline:
                raise RuntimeError(f"the set-up's events are not handled after {timeout_s:.0f} s ({waiting} waiting)")
            await asyncio.sleep(0.5)
    finally:
        await connection.close()


async def move_into_the_past(stack: Stack, booking_ids: list[str]) -> None:
    """Shift every lesson by one interval, so that the last ended an hour ago: order (and so the
    providers' non-overlap) is kept. Booking and disputes both know a lesson's time."""
    booking = await asyncpg.connect(asyncpg_dsn(stack.database_url("booking")))
    disputes = await asyncpg.connect(asyncpg_dsn(stack.database_url("disputes")))
    try:
        shift = await booking.fetchval("SELECT max(ends_at) - now() + interval '1 hour' FROM bookings "
                                       "WHERE id = ANY($1)", booking_ids)
        shifted = "starts_at = starts_at - $2::interval, ends_at = ends_at - $2::interval"
        await booking.execute(f"UPDATE bookings SET {shifted} WHERE id = ANY($1)", booking_ids, shift)
        moved = await disputes.execute(f"UPDATE lessons SET {shifted} WHERE booking_id = ANY($1)", booking_ids, shift)
        if moved != f"UPDATE {len(booking_ids)}":
            raise RuntimeError(f"disputes knows {moved} of {len(booking_ids)} lessons")
        for conn in (booking, disputes):
            await conn.execute("ANALYZE")
    finally:
        await booking.close()
        await disputes.close()


async def load(args, stack: Stack, setup: Setup, sampler: CpuSampler) -> Run:
    run = Run()
    resolving: dict[str, asyncio.Future] = {}
    connection = await aio_pika.connect(stack.amqp_url)
    channel = await connection.channel()
    exchange = await channel.get_exchange(f"{stack.amqp_namespace}.events")
    queue = await channel.declare_queue(exclusive=True, auto_delete=True)
    await queue.bind(exchange, MISSED)

    async def on_message(message: aio_pika.abc.AbstractIncomingMessage) -> None:
        async with message.process():
            booking_id = json.loads(message.body)["data"]["booking_id"]
            run.missed_seen.setdefault(booking_id, time.time())
            future = resolving.get(booking_id)
            if future is not None and not future.done():
                future.set_result(None)

    await queue.consume(on_message)
    # httpx costs about a millisecond of the 2 cores per request, taken from the stack it measures;
    # the benchmarks' own client (bench/_http.py) a few tens of microseconds.
    idle: asyncio.Queue[Connection] = asyncio.Queue()
    for _ in range(args.connections):
        idle.put_nowait(Connection("127.0.0.1", stack.ports["gateway"], timeout_s=30))
    try:
        async def post(record: Flow, path: str, body: dict, headers: dict) -> Response | None:
            connection = await idle.get()
            key = {"Idempotency-Key": uuid.uuid4().hex}
            try:
                for attempt in range(2):
                    try:
                        return await connection.request("POST", path, headers={**headers, **key}, json=body)
                    except ConnectionLost:  # a kept-alive connection the server closed: the key makes a retry safe
                        if attempt == 1:
                            raise
            except (ConnectionLost, OSError, TimeoutError) as exc:  # an overloaded stack may drop or time out
                record.resolution_error = f"{path}: {type(exc).__name__} {exc}"[:200]
                return None
            finally:
                idle.put_nowait(connection)

        async def flow(booking_id: str, provider_id: str) -> None:
            headers = setup.providers[provider_id]
            resolving[booking_id] = asyncio.get_running_loop().create_future()
            record = Flow(booking_id, time.time())
            run.flows.append(record)
            answer = await post(record, "/v1/reports", {"booking_id": booking_id, "kind": "provider_absent",
                                                        "details": "I could not make it."}, headers)
            if answer is None:
                return
            record.report_status = answer.status
            if answer.status != 201:
                record.resolution_error = answer.text[:200]
                return
            try:
                await asyncio.wait_for(resolving[booking_id], timeout=30)
            except TimeoutError:
                record.resolution_error = "lesson_missed not heard within 30 s"
                return
            answer = await post(record, f"/v1/bookings/{booking_id}/miss-resolution", {"remedy": "credit_refund"},
                                headers)
            if answer is not None:
                record.resolution_status = answer.status
                if answer.status >= 300:
                    record.resolution_error = answer.text[:200]

        tasks = []
        begin = time.monotonic()
        measured_from = begin + args.warmup
        cpu_before = None
        for index, (booking_id, provider_id) in enumerate(setup.bookings):
            due = begin + index / args.rate
            if due > begin + args.warmup + args.duration:
                break
            delay = due - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            if cpu_before is None and time.monotonic() >= measured_from:
                cpu_before = sampler.snapshot()
                run.window = (time.time(), 0.0)
            tasks.append(asyncio.create_task(flow(booking_id, provider_id)))
        run.window = (run.window[0], time.time())
        cpu_after = sampler.snapshot()
        await asyncio.gather(*tasks)
    finally:
        while not idle.empty():
            await idle.get_nowait().close()
    await connection.close()
    if cpu_before is not None:
        by_group, _ = CpuSampler.delta(cpu_before, cpu_after)
        run.cpu = {group: user + system for group, (user, system) in by_group.items()}
    return run


async def outcomes(stack: Stack, run: Run) -> tuple[dict[str, float], dict[str, float]]:
    """Per booking: when the wallet recorded its refund, and when the student's refund alert was recorded."""
    ids = [f.booking_id for f in run.flows]
    wallet = await asyncpg.connect(asyncpg_dsn(stack.database_url("wallet")))
    notifications = await asyncpg.connect(asyncpg_dsn(stack.database_url("notifications")))
    try:
        refunds = await wallet.fetch("SELECT id, booking_id, student_id, created_at FROM refunds "
                                     "WHERE booking_id = ANY($1)", ids)
        alerts = await notifications.fetch("SELECT user_id, dedupe_key, created_at FROM alerts "
                                           "WHERE dedupe_key LIKE 'refund_issued:%'")
    finally:
        await wallet.close()
        await notifications.close()
    booking_of_refund = {r["id"]: r["booking_id"] for r in refunds}
    refunded = {r["booking_id"]: r["created_at"].timestamp() for r in refunds}
    alerted = {}
    for alert in alerts:
        refund_id = alert["dedupe_key"].rsplit(":", 1)[-1]
        if refund_id in booking_of_refund:
            alerted[booking_of_refund[refund_id]] = alert["created_at"].timestamp()
    return refunded, alerted


def latencies(run: Run, reached: dict[str, float], measured_only: bool = True) -> list[float]:
    start, end = run.window
    return [(reached[f.booking_id] - f.started) * 1000 for f in run.flows
            if f.booking_id in reached and (not measured_only or start <= f.started <= end)]


def describe(values: list[float]) -> str:
    if not values:
        return "none"
    return (f"p50 {percentile(values, 50):.0f} ms, p99 {percentile(values, 99):.0f} ms, "
            f"max {max(values):.0f} ms (n={len(values)})")


def report(args, info: dict, setup: Setup, run: Run, refunded: dict, alerted: dict) -> dict:
    start, end = run.window
    measured = [f for f in run.flows if start <= f.started <= end]
    seconds = max(end - start, 1e-9)
    finished = [f for f in measured if f.booking_id in refunded]
    errors = [f for f in measured if f.report_status != 201 or (f.resolution_status and f.resolution_status >= 300)
              or f.resolution_error]
    to_refund, to_alert = latencies(run, refunded), latencies(run, alerted)
    to_missed = [(run.missed_seen[f.booking_id] - f.started) * 1000 for f in measured
                 if f.booking_id in run.missed_seen]
    result = {
        **info, "target": TARGET_NOTE, "rate_target": args.rate, "measured_s": round(seconds, 1),
        "flows_started_per_s": round(len(measured) / seconds, 1),
        "flows_refunded_per_s": round(len(finished) / seconds, 1),
        "refunds_in_window_per_s": round(sum(start <= at <= end for at in refunded.values()) / seconds, 1),
        "errors": len(errors), "report_to_refund_ms": to_refund, "report_to_alert_ms": to_alert,
    }
    print(f"\n== missed-lesson flows, {info['date']}, {info['machine']}")
    print(f"set-up: {len(setup.bookings)} lessons booked and moved into the past in {setup.seconds:.0f} s")
    print(f"target: {TARGET_NOTE}")
    print(f"rate: {args.rate}/s asked; over {seconds:.1f} s measured {result['flows_started_per_s']} flows/s started, "
          f"{result['flows_refunded_per_s']}/s of them refunded in the end, {result['refunds_in_window_per_s']} "
          f"refunds/s recorded within the window; errors {len(errors)}")
    print(f"report -> lesson_missed heard: {describe(to_missed)}")
    print(f"report -> refund in the ledger: {describe(to_refund)}")
    print(f"report -> student's refund alert recorded: {describe(to_alert)}")
    for flow in errors[:5]:
        print(f"  error: {flow.booking_id}: report {flow.report_status}, resolution {flow.resolution_status} "
              f"{flow.resolution_error}")
    if run.cpu:
        print("CPU seconds in the window: " + ", ".join(f"{k} {v:.1f}" for k, v in sorted(
            run.cpu.items(), key=lambda kv: -kv[1])[:8]))
    result["cpu_s"] = run.cpu
    return {k: v for k, v in result.items() if not k.endswith("_ms")} | {
        "report_to_refund": describe(to_refund), "report_to_alert": describe(to_alert)}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rate", type=float, default=100.0, help="flows started per second")
    parser.add_argument("--warmup", type=float, default=5.0)
    parser.add_argument("--duration", type=float, default=20.0)
    parser.add_argument("--providers", type=int, default=40)
    parser.add_argument("--students", type=int, default=200)
    parser.add_argument("--price", type=int, default=3000)
    parser.add_argument("--connections", type=int, default=64, help="HTTP connections to the gateway")
    parser.add_argument("--postgres-url", default=LOCAL_POSTGRES)
    parser.add_argument("--amqp-url", default=LOCAL_AMQP)
    parser.add_argument("--keep", action="store_true", help="keep the databases and logs")
    parser.add_argument("--json", help="also write the figures to this file")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    run_id = uuid.uuid4().hex[:8]
    info = {"date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), "machine": machine(), "run_id": run_id}
    state_dir = Path(tempfile.mkdtemp(prefix=f"bench-missed-{run_id}-"))
    sampler = CpuSampler(database_prefix=f"bench_missed_{run_id}")
    sampler.name(os.getpid(), "bench client")
    stack = Stack(db_prefix=f"bench_missed_{run_id}", amqp_namespace=f"bench-missed-{run_id}",
                  base_port=free_base_port(), state_dir=state_dir, postgres_url=args.postgres_url,
                  amqp_url=args.amqp_url, log_json=True, progress=lambda m: print(f"stack: {m}", flush=True))
    failed = False
    try:
        stack.start()
        for svc, process in stack.processes.items():
            sampler.name(process.pid, svc)
        setup = asyncio.run(set_up(args, stack))
        print(f"set-up done in {setup.seconds:.0f} s; {args.rate}/s for {args.warmup:.0f} s warm-up + "
              f"{args.duration:.0f} s ...", flush=True)
        run = asyncio.run(load(args, stack, setup, sampler))
        time.sleep(3.0)  # the last flows' refunds and alerts
        refunded, alerted = asyncio.run(outcomes(stack, run))
        result = report(args, info, setup, run, refunded, alerted)
        stack.raise_if_exited()
        if args.json:
            Path(args.json).write_text(json.dumps(result, indent=2, default=str))
    except (StackError, RuntimeError) as exc:
        print(f"\nthe run broke: {exc}\nlogs: {stack.logs_dir}", file=sys.stderr)
        failed, args.keep = True, True
    finally:
        stack.stop()
        if not args.keep:
            stack.destroy()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
