"""Messaging benchmark: raw aio-pika against our outbox -> relay -> consumer (inbox) path, on one broker.

    python bench/messaging.py                      # defaults: N=4000, C=32, 3 pairs; about 50 s
    python bench/messaging.py --events 5000 --concurrency 64 --batch 100 --raw-prefetch 32,256
    python bench/messaging.py --skip-raw --json /tmp/figures.json

Everything runs in this one process on one event loop, as the shared test harness runs its nodes (and as
a service runs its roles by default):

1. raw aio-pika: N persistent messages with publisher confirms through a durable topic exchange to a
   durable queue, `--window` publishes gathered at once as the relay does; then consumed with manual
   acks at each prefetch of `--raw-prefetch`; then both at once (end to end).
2. our path, each role alone first: a producer node commits N ProbeRecorded events through UnitOfWork
   (one per transaction, `--concurrency` writers) with its relay stopped; the OutboxRelay drains that
   backlog with nobody consuming; the consumer node's EventConsumer (inbox claim + the probe handler's
   row) drains the queue. Then all together (end to end), once with one event per transaction and once
   with `--batch` per transaction: rate from the first commit to the last handled event; latency from
   the commit returning in the producer to the handler's transaction committed in the consumer, split
   into commit -> publish confirmed -> delivered -> handled.
3. latency at a steady `--paced-rate`, raw and ours, when the path keeps up.
4. `--pairs` back-to-back pairs of raw and ours end to end (1 event/tx): the headline is the median of
   the pairs' ratios, as other work on a shared machine moves both rounds of a pair alike.

Before each of our end-to-end rounds both databases are vacuumed (outside the measured window), as
autovacuum would do on a server that runs it; this machine's PostgreSQL has it off, and without it
every round finds more dead row versions in the relay's index of unpublished rows than the last.

Per phase it also gives the process's CPU time per event and the event-loop lag, the figures that
explain the rates (and that move least when the machine is busy with something else).

The run is isolated: its own databases (created, migrated with the probe service's migrations, dropped)
and its own AMQP namespace `bench-<run id>` (queues and exchanges deleted at the end), so it can run
beside the tests. Exit status 1 when events went missing or a phase timed out; a ratio under the
target is a finding, not a failure.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import math
import os
import platform
import pwd
import statistics
import sys
import time
import uuid
from dataclasses import dataclass, field
from importlib.metadata import version as package_version

import aio_pika
import asyncpg
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from shared.auth import generate_keypair
from shared.database import asyncpg_dsn
from shared.events import Envelope, ProbeRecorded
from shared.messaging.codec import CONTENT_TYPE
from shared.messaging.consumer import EventConsumer
from shared.messaging.inbox import inbox_table
from shared.messaging.outbox import outbox_table
from shared.messaging.relay import OutboxRelay
from shared.messaging.topology import Names, declare_consumer_topology
from shared.migrations import upgrade
from shared.observability.logging import configure_logging
from shared.runtime import Runtime
from shared.testing.infra import LOCAL_AMQP, LOCAL_POSTGRES
from shared.testing.probe import Effect, ProbeSettings, probe_service

RETRY_DELAYS_MS = [50, 100, 200]
RAW_ROUTING_KEY = "bench.raw"
now = time.time  # wall clock: comparable with PostgreSQL's timestamps and across processes


# --------------------------------------------------------------------------------------------- stats

def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


@dataclass
class Latency:
    p50: float = math.nan
    p99: float = math.nan
    max: float = math.nan
    n: int = 0

    @classmethod
    def of(cls, seconds: list[float]) -> Latency:
        if not seconds:
            return cls()
        return cls(percentile(seconds, 50), percentile(seconds, 99), max(seconds), len(seconds))

    def ms(self) -> str:
        return f"p50 {self.p50 * 1e3:7.1f} ms   p99 {self.p99 * 1e3:7.1f} ms   max {self.max * 1e3:7.1f} ms"


def deltas(start: dict[str, float], end: dict[str, float]) -> list[float]:
    return [end[k] - start[k] for k in start if k in end]


@dataclass
class Results:
    params: dict = field(default_factory=dict)
    environment: dict = field(default_factory=dict)
    rows: list[tuple[str, float, str]] = field(default_factory=list)  # (what, events/s, note)
    latencies: list[tuple[str, Latency]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    loads: list[tuple[str, str]] = field(default_factory=list)  # (what, CPU and loop-lag summary)
    key: dict[str, float] = field(default_factory=dict)  # the figures of the summary, by name
    key_latency: dict[str, Latency] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def rate(self, what: str, count: int, seconds: float, note: str = "", key: str | None = None) -> float:
        value = count / seconds if seconds > 0 else math.nan
        self.rows.append((what, value, note or f"{count} in {seconds:.2f} s"))
        if key:
            self.key[key] = value
        return value

    def latency(self, what: str, seconds: list[float], key: str | None = None) -> Latency:
        lat = Latency.of(seconds)
        self.latencies.append((what, lat))
        if key:
            self.key_latency[key] = lat
        return lat


def server_cpu_s() -> dict[int, tuple[str, float]]:
    """CPU seconds used so far by each process of the `postgres` and `rabbitmq` users, by pid (Linux /proc;
    elsewhere nothing)."""
    uids = {}
    for user in ("postgres", "rabbitmq"):
        try:
            uids[pwd.getpwnam(user).pw_uid] = user
        except KeyError:
            pass
    found: dict[int, tuple[str, float]] = {}
    try:
        entries = os.listdir("/proc")
        tick = os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError):
        return found
    for pid in entries:
        if not pid.isdigit():
            continue
        try:
            user = uids.get(os.stat(f"/proc/{pid}").st_uid)
            if user is None:
                continue
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rpartition(")")[2].split()
            found[int(pid)] = (user, (int(fields[11]) + int(fields[12])) / tick)  # utime + stime
        except (OSError, ValueError, IndexError):
            continue
    return found


def server_cpu_delta(before: dict[int, tuple[str, float]], after: dict[int, tuple[str, float]]) -> dict[str, float]:
    """CPU seconds by user between two snapshots; a process that ended meanwhile is left out (not subtracted)."""
    totals: dict[str, float] = {}
    for pid, (user, cpu) in after.items():
        totals[user] = totals.get(user, 0.0) + cpu - before.get(pid, (user, 0.0))[1]
    return totals


class LoopMonitor:
    """Event-loop lag: how late a 5 ms sleep wakes up. Everything of a round shares this one loop."""

    def __init__(self, interval_s: float = 0.005):
        self.interval_s = interval_s
        self.lags: list[float] = []
        self._task: asyncio.Task | None = None

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            t0 = loop.time()
            await asyncio.sleep(self.interval_s)
            self.lags.append(loop.time() - t0 - self.interval_s)

    def __enter__(self) -> LoopMonitor:
        self.lags.clear()
        self._task = asyncio.create_task(self._run())
        self.servers0 = server_cpu_s()
        self.cpu0, self.wall0 = time.process_time(), now()
        return self

    def __exit__(self, *exc) -> None:
        self._task.cancel()
        self.cpu_s, self.wall_s = time.process_time() - self.cpu0, now() - self.wall0
        self.servers = server_cpu_delta(self.servers0, server_cpu_s())

    def summary(self, events: int) -> str:
        lag = Latency.of(self.lags)
        servers = "".join(f", {name} {cpu / events * 1e6:.0f}" for name, cpu in sorted(self.servers.items()))
        return (f"CPU us/event: this process {self.cpu_s / events * 1e6:.0f}{servers}; "
                f"process at {self.cpu_s / self.wall_s:.0%} of a core; "
                f"loop lag p50 {lag.p50 * 1e3:.1f} p99 {lag.p99 * 1e3:.1f} ms")


# ------------------------------------------------------------------------------------ isolation

class Sandbox:
    """The run's databases and AMQP names; everything is removed by `cleanup`."""

    def __init__(self, postgres_url: str, amqp_url: str, run_id: str):
        self.postgres_url, self.amqp_url, self.run_id = postgres_url, amqp_url, run_id
        self.namespace = f"bench-{run_id}"
        self.databases: list[str] = []
        self.queues: set[str] = set()
        self.exchanges: set[str] = set()
        self.public_key = generate_keypair()[1]

    async def create_database(self, name: str) -> str:
        database = f"bench_{self.run_id}_{name}"
        conn = await asyncpg.connect(asyncpg_dsn(self.postgres_url))
        try:
            await conn.execute(f'CREATE DATABASE "{database}"')
        finally:
            await conn.close()
        self.databases.append(database)
        return make_url(self.postgres_url).set(database=database).render_as_string(hide_password=False)

    async def settings(self, service, prefetch: int) -> ProbeSettings:
        url = await self.create_database(service.name.rsplit("-", 1)[0].replace("-", "_"))
        await asyncio.to_thread(upgrade, service.migrations_dir, url)
        names = Names(self.namespace, service.name)
        self.queues.update([names.work_queue, names.dead_queue,
                            *(names.retry_queue(i) for i in range(1, len(RETRY_DELAYS_MS) + 1))])
        self.exchanges.add(names.exchange)
        return ProbeSettings(
            database_url=url, amqp_url=self.amqp_url, amqp_namespace=self.namespace,
            jwt_public_key=self.public_key, retry_delays_ms=RETRY_DELAYS_MS, consumer_prefetch=prefetch,
            outbox_poll_interval_s=1.0, log_json=False, log_level="WARNING",
        )

    async def cleanup(self) -> None:
        try:
            connection = await aio_pika.connect(self.amqp_url)
            try:
                for name in sorted(self.queues):
                    channel = await connection.channel()
                    try:
                        await channel.queue_delete(name)
                    except Exception:
                        pass
                for name in sorted(self.exchanges):
                    channel = await connection.channel()
                    try:
                        await channel.exchange_delete(name)
                    except Exception:
                        pass
            finally:
                await connection.close()
        finally:
            conn = await asyncpg.connect(asyncpg_dsn(self.postgres_url))
            try:
                for database in self.databases:
                    await conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            finally:
                await conn.close()


# ------------------------------------------------------------------------------------ raw aio-pika

def sample_body() -> bytes:
    """A body of the size our events have: a real ProbeRecorded envelope."""
    envelope = Envelope(type=ProbeRecorded.event_type, source="bench", marketplace="mkt-bench",
                        correlation_id=uuid.uuid4(), subject="probe/bench-000000",
                        data=ProbeRecorded(probe_id="bench-000000", sequence=0))
    return envelope.model_dump_json().encode()


async def raw_publish(exchange, n: int, window: int, body: bytes, sent: dict[str, float] | None = None) -> None:
    """Publish n messages, `window` of them in flight at once (gathered, as the relay does)."""
    for start in range(0, n, window):
        messages = []
        for _ in range(min(window, n - start)):
            message_id = uuid.uuid4().hex
            messages.append(aio_pika.Message(body=body, content_type=CONTENT_TYPE, message_id=message_id,
                                             type=RAW_ROUTING_KEY, delivery_mode=aio_pika.DeliveryMode.PERSISTENT))
            if sent is not None:
                sent[message_id] = now()
        await asyncio.gather(*(exchange.publish(m, routing_key=RAW_ROUTING_KEY) for m in messages))


async def raw_paced(exchange, n: int, rate: float, body: bytes, sent: dict[str, float]) -> None:
    """One message every 1/rate s, each published (and confirmed) on its own."""
    start, tasks = now(), []
    for i in range(n):
        await asyncio.sleep(max(0.0, start + i / rate - now()))
        message_id = uuid.uuid4().hex
        sent[message_id] = now()
        message = aio_pika.Message(body=body, content_type=CONTENT_TYPE, message_id=message_id, type=RAW_ROUTING_KEY,
                                   delivery_mode=aio_pika.DeliveryMode.PERSISTENT)
        tasks.append(asyncio.create_task(exchange.publish(message, routing_key=RAW_ROUTING_KEY)))
    await asyncio.gather(*tasks)


async def raw_consume(connection, queue_name: str, n: int, prefetch: int, received: dict[str, float] | None = None,
                      started: asyncio.Event | None = None) -> None:
    """Consume n messages with manual acks; returns once the n-th is acked."""
    channel = await connection.channel()
    await channel.set_qos(prefetch_count=prefetch)
    queue = await channel.get_queue(queue_name)
    done = asyncio.Event()
    count = 0

    async def on_message(message) -> None:
        nonlocal count
        await message.ack()
        if received is not None:
            received[message.message_id] = now()
        count += 1
        if count >= n:
            done.set()

    tag = await queue.consume(on_message)
    if started is not None:
        started.set()
    await done.wait()
    await queue.cancel(tag)
    await channel.close()


@dataclass
class RawRig:
    """The raw path's connections, exchange and queue, open for the whole run."""
    pub_conn: aio_pika.abc.AbstractRobustConnection
    sub_conn: aio_pika.abc.AbstractRobustConnection
    exchange: aio_pika.abc.AbstractExchange
    queue_name: str
    body: bytes

    @classmethod
    async def open(cls, sandbox: Sandbox) -> RawRig:
        exchange_name, queue_name = f"{sandbox.namespace}.raw", f"{sandbox.namespace}.raw"
        sandbox.queues.add(queue_name)
        sandbox.exchanges.add(exchange_name)
        # Two connections, as our producer and consumer nodes have.
        pub_conn = await aio_pika.connect_robust(sandbox.amqp_url)
        sub_conn = await aio_pika.connect_robust(sandbox.amqp_url)
        channel = await pub_conn.channel(publisher_confirms=True)
        exchange = await channel.declare_exchange(exchange_name, aio_pika.ExchangeType.TOPIC, durable=True)
        queue = await channel.declare_queue(queue_name, durable=True)
        await queue.bind(exchange, routing_key=RAW_ROUTING_KEY)
        return cls(pub_conn, sub_conn, exchange, queue_name, sample_body())

    async def close(self) -> None:
        await self.pub_conn.close()
        await self.sub_conn.close()


async def raw_end_to_end(rig: RawRig, n: int, prefetch: int, window: int, results: Results, label: str,
                         key: str | None) -> float:
    """Publisher and consumer at once: rate from the first publish to the last consumed message."""
    sent: dict[str, float] = {}
    received: dict[str, float] = {}
    started = asyncio.Event()
    consumer = asyncio.create_task(raw_consume(rig.sub_conn, rig.queue_name, n, prefetch, received, started))
    await started.wait()
    t0 = now()
    with LoopMonitor() as monitor:
        await raw_publish(rig.exchange, n, window, rig.body, sent)
        await consumer
    results.loads.append((label, monitor.summary(n)))
    rate = results.rate(label, n, max(received.values()) - t0, key=key)
    results.latency(label.replace("end-to-end", "publish -> consumed"), deltas(sent, received), key=key)
    return rate


async def run_raw(rig: RawRig, args, results: Results) -> float:
    """Returns the raw end-to-end rate (at the first prefetch), the reference of the ratio."""
    n, body, exchange, sub_conn, queue_name = args.events, rig.body, rig.exchange, rig.sub_conn, rig.queue_name
    results.environment["rabbitmq"] = _server_version(rig.pub_conn)
    await raw_publish(exchange, min(n, 500), args.window, body)  # warm-up
    await raw_consume(sub_conn, queue_name, min(n, 500), args.prefetch)

    for i, prefetch in enumerate(args.raw_prefetch):
        with LoopMonitor() as monitor:
            await raw_publish(exchange, n, args.window, body)
        if i == 0:
            results.rate("raw publish (confirms)", n, monitor.wall_s, f"window {args.window}", key="raw publish")
            results.loads.append(("raw publish", monitor.summary(n)))
        with LoopMonitor() as monitor:
            await raw_consume(sub_conn, queue_name, n, prefetch)
        results.rate(f"raw consume (prefetch {prefetch})", n, monitor.wall_s,
                     key="raw consume" if i == 0 else f"raw consume {prefetch}")
        results.loads.append((f"raw consume (prefetch {prefetch})", monitor.summary(n)))

    reference = math.nan
    for prefetch in args.raw_prefetch:
        first = math.isnan(reference)
        rate = await raw_end_to_end(rig, n, prefetch, args.window, results,
                                    f"raw end-to-end (prefetch {prefetch})", "raw e2e" if first else None)
        if first:
            reference = rate
    if args.paced_rate > 0:
        count = max(1, round(args.paced_rate * args.paced_s))
        sent, received = {}, {}
        started = asyncio.Event()
        consumer = asyncio.create_task(raw_consume(sub_conn, queue_name, count, args.prefetch, received, started))
        await started.wait()
        with LoopMonitor() as monitor:
            await raw_paced(exchange, count, args.paced_rate, body, sent)
            await consumer
        results.loads.append((f"raw paced ({args.paced_rate:.0f}/s)", monitor.summary(count)))
        results.latency(f"raw publish -> consumed (paced {args.paced_rate:.0f}/s)", deltas(sent, received),
                        key="raw paced")
    return reference


def _server_version(connection) -> str:
    try:
        props = connection.transport.connection.server_properties
        value = props.get("version", "?")
        return value.decode() if isinstance(value, bytes) else str(value)
    except Exception:
        return "?"


# ------------------------------------------------------------------------------------ outbox path

class TimedConsumer(EventConsumer):
    """The real consumer; notes when each message arrives and when its handler's transaction committed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.delivered: dict[str, float] = {}
        self.handled: dict[str, float] = {}
        self.target = 0
        self.done = asyncio.Event()

    def expect(self, count: int) -> None:
        self.delivered.clear()
        self.handled.clear()
        self.target = count
        self.done.clear()

    async def on_message(self, message) -> None:
        self.delivered.setdefault(message.message_id, now())
        await super().on_message(message)

    async def _settle(self, delivery, seconds: float) -> None:
        # Called once the message's transaction (its batch's, or its own) has committed.
        if delivery.error is None:
            self.handled[str(delivery.envelope.id)] = now()
        await super()._settle(delivery, seconds)
        if len(self.handled) >= self.target:
            self.done.set()


class RelayProbe:
    """Instruments the relay without changing it: when each publish is confirmed, and each batch."""

    def __init__(self, relay: OutboxRelay):
        self.confirmed: dict[str, float] = {}
        self.batches: list[tuple[float, float, int]] = []
        self.target = 0
        self.done = asyncio.Event()
        publish, publish_pending = relay.broker.publish, relay.publish_pending

        async def timed_publish(message, routing_key, timeout=10):
            await publish(message, routing_key, timeout)
            self.confirmed[message.message_id] = now()

        async def timed_publish_pending():
            t0 = now()
            count = await publish_pending()
            if count:
                self.batches.append((t0, now(), count))
                if sum(c for _, _, c in self.batches) >= self.target:
                    self.done.set()
            return count

        relay.broker.publish = timed_publish
        relay.publish_pending = timed_publish_pending

    def expect(self, count: int) -> None:
        self.confirmed.clear()
        self.batches.clear()
        self.target = count
        self.done.clear()


@dataclass
class OutboxNodes:
    producer: Runtime
    consumer: Runtime
    relay: OutboxRelay
    probe: RelayProbe
    timed: TimedConsumer
    relay_task: asyncio.Task | None = None

    def start_relay(self) -> None:
        self.relay_task = asyncio.create_task(self.relay.run(), name="outbox-relay")

    async def vacuum(self) -> None:
        """VACUUM ANALYZE both databases, as autovacuum would on a server that runs it (this machine's
        PostgreSQL has it off): without it, every published row's old version stays in the relay's
        index of unpublished rows, and each round would be slower than the one before."""
        for runtime in (self.producer, self.consumer):
            conn = await asyncpg.connect(asyncpg_dsn(runtime.settings.database_url))
            try:
                await conn.execute("VACUUM ANALYZE")
            finally:
                await conn.close()

    async def close(self) -> None:
        if self.relay_task is not None:
            self.relay_task.cancel()
            await asyncio.gather(self.relay_task, return_exceptions=True)
        await self.producer.close()
        await self.consumer.close()


async def create_nodes(sandbox: Sandbox, args) -> OutboxNodes:
    """A producer node (relay not started) and a consumer node whose queue exists but is not consumed yet."""
    suffix = sandbox.run_id
    producer_service = probe_service(f"probe-producer-{suffix}")
    consumer_service = probe_service(f"probe-consumer-{suffix}", with_handlers=True)
    producer = Runtime(producer_service, await sandbox.settings(producer_service, args.prefetch))
    consumer = Runtime(consumer_service, await sandbox.settings(consumer_service, args.prefetch))
    await producer.connect_broker()
    await consumer.connect_broker()
    s = consumer.settings
    channel = await consumer.broker.connection.channel()
    await declare_consumer_topology(channel, consumer.names, consumer_service.handlers.event_types, s.retry_delays_ms)
    await channel.close()
    timed = TimedConsumer(consumer.broker, consumer_service.handlers, consumer.sessionmaker, consumer_service.name,
                          s.retry_delays_ms, s.consumer_prefetch)
    relay = OutboxRelay(producer.engine, producer.broker, producer.settings.outbox_poll_interval_s)
    return OutboxNodes(producer, consumer, relay, RelayProbe(relay), timed)


async def write_events(nodes: OutboxNodes, n: int, writers: int, per_tx: int, rate: float | None = None,
                       ) -> tuple[dict[str, float], list[float]]:
    """Commit n events, `per_tx` per transaction, from `writers` concurrent writers, as fast as they can or
    starting a transaction every 1/rate s: (commit time by event id, seconds of each transaction)."""
    committed: dict[str, float] = {}
    tx_seconds: list[float] = []
    transactions = math.ceil(n / per_tx)
    next_tx = 0
    run = uuid.uuid4().hex[:6]
    start = now()

    async def writer() -> None:
        nonlocal next_tx
        while next_tx < transactions:
            tx = next_tx
            next_tx += 1
            if rate:
                await asyncio.sleep(max(0.0, start + tx / rate - now()))
            t0 = now()
            async with nodes.producer.uow() as uow:
                envelopes = [uow.emit(ProbeRecorded(probe_id=f"{run}-{tx}-{i}", sequence=i), marketplace="mkt-bench",
                                      subject=f"probe/{run}-{tx}") for i in range(min(per_tx, n - tx * per_tx))]
                await uow.commit()
            t1 = now()
            tx_seconds.append(t1 - t0)
            for envelope in envelopes:
                committed[str(envelope.id)] = t1

    await asyncio.gather(*(writer() for _ in range(min(writers, transactions))))
    return committed, tx_seconds


async def wait_for(event: asyncio.Event, what: str, have, want: int, timeout_s: float, results: Results) -> None:
    try:
        await asyncio.wait_for(event.wait(), timeout_s)
    except TimeoutError:
        message = f"{what}: only {have()}/{want} after {timeout_s:.0f}s"
        results.failures.append(message)
        print(f"  ! {message}", file=sys.stderr)


async def stages(nodes: OutboxNodes, args, results: Results, timeout_s: float) -> int:
    """Each role alone, on the same loop, to see what each costs: the producer's commits with no relay,
    the relay draining that backlog with no consumer, then the consumer draining the queue."""
    n, c = args.events, args.concurrency
    await write_events(nodes, min(n, 300), c, 1)  # warm-up: pool connections and prepared statements
    backlog = min(n, 300) + n

    with LoopMonitor() as monitor:
        _, tx_seconds = await write_events(nodes, n, c, 1)
    results.rate("  producer alone: commits (1 event/tx)", n, monitor.wall_s,
                 f"{c} writers, tx p50 {percentile(tx_seconds, 50) * 1e3:.1f} ms", key="producer alone")
    results.loads.append(("producer alone", monitor.summary(n)))

    nodes.probe.expect(backlog)
    with LoopMonitor() as monitor:
        nodes.start_relay()
        await wait_for(nodes.probe.done, "relay alone", lambda: len(nodes.probe.confirmed), backlog, timeout_s, results)
    sizes = [count for _, _, count in nodes.probe.batches]
    results.rate("  relay alone: publish + mark backlog", backlog, monitor.wall_s,
                 f"{len(sizes)} batches of <= {max(sizes, default=0)}", key="relay alone")
    results.loads.append(("relay alone", monitor.summary(backlog)))

    nodes.timed.expect(backlog)
    with LoopMonitor() as monitor:
        await nodes.timed.start()
        await wait_for(nodes.timed.done, "consumer alone", lambda: len(nodes.timed.handled), backlog, timeout_s,
                       results)
    results.rate(f"  consumer alone: handle queue (prefetch {args.prefetch})", len(nodes.timed.handled),
                 monitor.wall_s, key="consumer alone")
    results.loads.append((f"consumer alone (prefetch {args.prefetch})", monitor.summary(backlog)))
    return backlog


async def end_to_end(nodes: OutboxNodes, label: str, n: int, writers: int, per_tx: int,
                     results: Results, timeout_s: float, key: str) -> float:
    """Producer, relay and consumer all running: rate from the first commit to the last handled event."""
    await nodes.vacuum()
    nodes.timed.expect(n)
    nodes.probe.expect(n)
    t0 = now()
    with LoopMonitor() as monitor:
        committed, tx_seconds = await write_events(nodes, n, writers, per_tx)
        last_commit = now()
        await wait_for(nodes.timed.done, label, lambda: len(nodes.timed.handled), n, timeout_s, results)
        # and the relay has marked its last batch, so that the next round starts from a quiet relay
        await wait_for(nodes.probe.done, f"{label}, relay", lambda: len(nodes.probe.confirmed), n, timeout_s, results)
    handled, delivered = nodes.timed.handled, nodes.timed.delivered
    last_handled = max(handled.values(), default=now())
    rate = results.rate(f"outbox end-to-end ({label})", len(handled), last_handled - t0,
                        f"{len(handled)}/{n} in {last_handled - t0:.2f} s", key=key)
    results.rate("  of which producer commits", n, last_commit - t0,
                 f"{math.ceil(n / per_tx)} tx, {writers} writers, tx p50 {percentile(tx_seconds, 50) * 1e3:.1f} ms")
    batches = nodes.probe.batches
    if batches:
        busy = sum(end - start for start, end, _ in batches)
        sizes = [count for _, _, count in batches]
        results.rate("  of which relay, while in a batch", sum(sizes), busy,
                     f"{len(batches)} batches, size p50 {percentile(sizes, 50)} max {max(sizes)}, "
                     f"busy {busy / (max(last_handled, batches[-1][1]) - t0):.0%} of the run")
    results.loads.append((f"outbox end-to-end ({label})", monitor.summary(n)))
    results.latency(f"outbox commit -> handled ({label})", deltas(committed, handled), key=key)
    results.latency("  commit -> publish confirmed (relay)", deltas(committed, nodes.probe.confirmed))
    results.latency("  confirmed -> delivered to consumer", deltas(nodes.probe.confirmed, delivered))
    results.latency("  delivered -> handler committed", deltas(delivered, handled))
    return rate


async def paced(nodes: OutboxNodes, n: int, rate: float, writers: int, results: Results, timeout_s: float) -> None:
    """Latency when the path keeps up: one event per transaction, started at a steady rate."""
    nodes.timed.expect(n)
    nodes.probe.expect(n)
    with LoopMonitor() as monitor:
        committed, _ = await write_events(nodes, n, writers, 1, rate)
        await wait_for(nodes.timed.done, "paced", lambda: len(nodes.timed.handled), n, timeout_s, results)
        await wait_for(nodes.probe.done, "paced, relay", lambda: len(nodes.probe.confirmed), n, timeout_s, results)
    results.loads.append((f"outbox paced ({rate:.0f} events/s)", monitor.summary(n)))
    results.latency(f"outbox commit -> handled (paced {rate:.0f}/s)", deltas(committed, nodes.timed.handled),
                    key="outbox paced")
    results.latency("  commit -> publish confirmed (relay)", deltas(committed, nodes.probe.confirmed))
    results.latency("  delivered -> handler committed", deltas(nodes.timed.delivered, nodes.timed.handled))


async def check_outbox(nodes: OutboxNodes, expected: int) -> str:
    """Counts in the databases: every event published, handled once, one effect each."""
    async with nodes.producer.engine.connect() as conn:
        unpublished = (await conn.execute(select(func.count()).select_from(outbox_table)
                                          .where(outbox_table.c.published_at.is_(None)))).scalar_one()
    async with nodes.consumer.engine.connect() as conn:
        inbox = (await conn.execute(select(func.count()).select_from(inbox_table))).scalar_one()
        effects = (await conn.execute(select(func.count()).select_from(Effect.__table__))).scalar_one()
    ok = unpublished == 0 and inbox == expected and effects == expected
    return (f"database check {'ok' if ok else 'MISMATCH'}: unpublished {unpublished}, inbox rows {inbox}, "
            f"effects {effects}, expected {expected}")


async def paired_rounds(rig: RawRig, nodes: OutboxNodes, args, results: Results, timeout_s: float) -> int:
    """Raw and ours end to end back to back, `--pairs` times. Other work on a shared machine slows
    both alike within a pair, but not across the minutes between the single rounds above, so the
    median of the pairs' ratios is the steadier figure. Returns the events our rounds wrote."""
    scratch = Results()
    ratios = []
    for i in range(args.pairs):
        raw = await raw_end_to_end(rig, args.events, args.prefetch, args.window, scratch, "raw end-to-end", None)
        ours = await end_to_end(nodes, "1 event/tx", args.events, args.concurrency, 1, scratch, timeout_s, "ours")
        ratios.append(ours / raw)
        results.rows.append((f"pair {i + 1}: outbox end-to-end (1 event/tx)", ours,
                             f"raw end-to-end just before: {raw:,.0f}/s; ratio {ours / raw:.1%}"))
    results.failures.extend(scratch.failures)
    results.key["paired ratio"] = statistics.median(ratios)
    results.params["pair ratios"] = " ".join(f"{r:.1%}" for r in ratios)
    return args.events * args.pairs


async def run_outbox(sandbox: Sandbox, args, results: Results, rig: RawRig | None) -> float:
    nodes = await create_nodes(sandbox, args)
    profiler = cProfile.Profile() if args.profile else None
    timeout_s = max(60.0, args.events / 50)
    try:
        expected = await stages(nodes, args, results, timeout_s)
        if profiler:
            profiler.enable()
        rate = await end_to_end(nodes, f"1 event/tx, {args.concurrency} writers", args.events, args.concurrency, 1,
                                results, timeout_s, "outbox e2e")
        expected += args.events
        if args.batch > 1:
            await end_to_end(nodes, f"{args.batch} events/tx, {args.concurrency} writers", args.events,
                             args.concurrency, args.batch, results, timeout_s, "outbox e2e batch")
            expected += args.events
        if args.paced_rate > 0:
            count = max(1, round(args.paced_rate * args.paced_s))
            await paced(nodes, count, args.paced_rate, args.concurrency, results, timeout_s)
            expected += count
        if rig is not None and args.pairs > 0:
            expected += await paired_rounds(rig, nodes, args, results, timeout_s)
        if profiler:
            profiler.disable()
            profiler.dump_stats(args.profile)
            results.notes.append(f"cProfile of the end-to-end rounds written to {args.profile} "
                                 f"(python -m pstats {args.profile}, then: sort tottime, stats 30)")
        check = await check_outbox(nodes, expected)
        results.notes.append(check)
        if "MISMATCH" in check:
            results.failures.append(check)
        return rate
    finally:
        await nodes.close()


# ------------------------------------------------------------------------------------ report

async def describe_environment(sandbox: Sandbox, results: Results) -> None:
    env = results.environment
    env["cores"] = os.cpu_count()
    env["python"] = f"{platform.python_version()} ({platform.machine()})"
    env["event loop"] = type(asyncio.get_running_loop()).__module__
    env["packages"] = ", ".join(f"{p} {_version(p)}" for p in ("aio-pika", "aiormq", "SQLAlchemy", "asyncpg",
                                                                  "pydantic"))
    try:
        conn = await asyncpg.connect(asyncpg_dsn(sandbox.postgres_url))
        try:
            env["postgresql"] = await conn.fetchval("SHOW server_version")
            shown = [f"{name}={await conn.fetchval(f'SHOW {name}')}" for name in ("synchronous_commit", "fsync")]
            env["postgresql settings"] = ", ".join(shown)
        finally:
            await conn.close()
    except Exception as exc:
        env["postgresql"] = f"? ({type(exc).__name__})"
    try:
        env["load average"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        pass


def _version(package: str) -> str:
    try:
        return package_version(package)
    except Exception:
        return "?"


def _fmt_rate(value: float | None) -> str:
    return "-" if value is None or math.isnan(value) else f"{value:,.0f}"


def _fmt_ratio(ours: float | None, raw: float | None) -> str:
    if ours is None or raw is None or math.isnan(ours) or math.isnan(raw) or not raw:
        return "-"
    return f"{ours / raw:.1%}"


def _fmt_latency(lat: Latency | None) -> str:
    return "-" if lat is None or not lat.n else f"{lat.p50 * 1e3:,.0f} / {lat.p99 * 1e3:,.0f} ms"


def summary_lines(results: Results, target: float) -> list[str]:
    k, kl, p = results.key, results.key_latency, results.params
    paced = f"paced {p['paced rate']:.0f}/s" if p.get("paced rate") else "paced"
    rows = [
        ("publish/s, confirmed (ours: relay alone)", k.get("raw publish"), k.get("relay alone")),
        (f"consume/s, prefetch {p['prefetch']} (ours: consumer alone)", k.get("raw consume"),
         k.get("consumer alone")),
        ("end-to-end/s (ours: 1 event/tx)", k.get("raw e2e"), k.get("outbox e2e")),
        (f"end-to-end/s (ours: {p['batch']} events/tx)", k.get("raw e2e"), k.get("outbox e2e batch")),
    ]
    lines = [f"{'SUMMARY':<48} {'raw aio-pika':>14} {'our path':>14} {'ours/raw':>9}", "-" * 88]
    for what, raw, ours in rows:
        if ours is None and raw is None:
            continue
        lines.append(f"{what:<48} {_fmt_rate(raw):>14} {_fmt_rate(ours):>14} {_fmt_ratio(ours, raw):>9}")
    for what, raw_key, ours_key in (("latency p50 / p99, saturated (ours: 1 event/tx)", "raw e2e", "outbox e2e"),
                                    (f"latency p50 / p99, {paced}", "raw paced", "outbox paced")):
        if raw_key in kl or ours_key in kl:
            lines.append(f"{what:<48} {_fmt_latency(kl.get(raw_key)):>14} {_fmt_latency(kl.get(ours_key)):>14}")
    raw, ours = k.get("raw e2e"), k.get("outbox e2e")
    if raw and ours and not (math.isnan(raw) or math.isnan(ours)):
        ratio = ours / raw
        results.params["ratio"] = round(ratio, 4)
        verdict = f"-> {'meets' if ratio >= target else 'BELOW'} the {target:.0%} target"
        lines.append(f"ratio outbox / raw end-to-end, the rounds above: {ratio:.1%}"
                     + ("" if "paired ratio" in k else f" {verdict}"))
    if "paired ratio" in k:
        ratio = k["paired ratio"]
        results.params["paired ratio"] = round(ratio, 4)
        lines.append(f"ratio outbox / raw end-to-end, median of {p['pairs']} back-to-back pairs "
                     f"({results.params['pair ratios']}): {ratio:.1%} -> "
                     f"{'meets' if ratio >= target else 'BELOW'} the {target:.0%} target")
    return lines


def report(results: Results, target: float) -> None:
    print()
    print("Messaging benchmark: raw aio-pika against outbox -> relay -> consumer with inbox, one process")
    for key, value in results.environment.items():
        print(f"  {key:<20} {value}")
    print("  parameters          " + ", ".join(f"{k}={v}" for k, v in results.params.items()))
    print()
    for line in summary_lines(results, target):
        print(f"  {line}")
    print()
    print(f"  {'throughput':<52} {'events/s':>10}   note")
    print("  " + "-" * 100)
    for what, value, note in results.rows:
        print(f"  {what:<52} {value:>10,.0f}   {note}")
    print()
    print(f"  {'latency':<52}")
    print("  " + "-" * 100)
    for what, lat in results.latencies:
        print(f"  {what:<52} {lat.ms()}")
    print()
    print("  load: CPU per event of this process (its one event loop runs every role) and of the servers' processes")
    print("  (postgres, rabbitmq: shared servers, so it includes whatever else runs on them meanwhile)")
    print("  " + "-" * 100)
    for what, summary in results.loads:
        print(f"  {what:<52} {summary}")
    print()
    for note in results.notes:
        print(f"  {note}")


# ------------------------------------------------------------------------------------ main

def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=4000, help="N, events (messages) per measured round")
    parser.add_argument("--concurrency", type=int, default=32, help="C, concurrent writers on the producer")
    parser.add_argument("--batch", type=int, default=50,
                        help="also run a round with this many events per transaction (0 or 1: skip)")
    parser.add_argument("--prefetch", type=int, default=None,
                        help="our consumer's prefetch (default: the settings' consumer_prefetch, 32)")
    parser.add_argument("--raw-prefetch", default=None,
                        help="comma-separated prefetches of the raw consumer (default: PREFETCH,256); "
                             "PREFETCH always comes first: it is the reference of the ratio")
    parser.add_argument("--window", type=int, default=500,
                        help="raw publishes in flight at once (the relay's batch size is 500)")
    parser.add_argument("--paced-rate", type=float, default=100,
                        help="also measure latency at this steady rate, events/s (0: skip)")
    parser.add_argument("--paced-s", type=float, default=3, help="seconds of the paced rounds")
    parser.add_argument("--pairs", type=int, default=3,
                        help="then this many back-to-back pairs of raw and ours end to end (1 event/tx); the "
                             "median of their ratios is the headline figure (0: the single rounds' ratio)")
    parser.add_argument("--skip-raw", action="store_true")
    parser.add_argument("--skip-outbox", action="store_true")
    parser.add_argument("--target", type=float, default=0.25, help="the outbox/raw ratio to meet")
    parser.add_argument("--profile", metavar="FILE", help="cProfile the outbox rounds into this pstats file")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--postgres-url", default=os.environ.get("TEST_POSTGRES_URL", LOCAL_POSTGRES),
                        help="admin URL (may create databases); default TEST_POSTGRES_URL or the local server")
    parser.add_argument("--amqp-url", default=os.environ.get("TEST_AMQP_URL", LOCAL_AMQP))
    args = parser.parse_args(argv)
    if args.prefetch is None:
        args.prefetch = ProbeSettings.model_fields["consumer_prefetch"].default
    args.raw_prefetch = ([int(p) for p in args.raw_prefetch.split(",")] if args.raw_prefetch
                         else sorted({args.prefetch, 256}))
    if args.raw_prefetch[0] != args.prefetch:  # the first one is the reference of the ratio
        args.raw_prefetch = [args.prefetch, *(p for p in args.raw_prefetch if p != args.prefetch)]
    return args


async def main(args: argparse.Namespace) -> Results:
    configure_logging("bench", "WARNING", json=False)
    sandbox = Sandbox(args.postgres_url, args.amqp_url, uuid.uuid4().hex[:8])
    results = Results(params={
        "events": args.events, "concurrency": args.concurrency, "batch": args.batch, "prefetch": args.prefetch,
        "raw prefetch": "/".join(map(str, args.raw_prefetch)), "raw window": args.window,
        "paced rate": args.paced_rate, "paced s": args.paced_s, "pairs": args.pairs,
        "namespace": sandbox.namespace,
    })
    started = now()
    try:
        await describe_environment(sandbox, results)
        rig = None if args.skip_raw else await RawRig.open(sandbox)
        try:
            if rig is not None:
                await run_raw(rig, args, results)
            if not args.skip_outbox:
                await run_outbox(sandbox, args, results, rig)
        finally:
            if rig is not None:
                await rig.close()
    finally:
        await sandbox.cleanup()
    results.notes.append(f"run took {now() - started:.1f} s; databases and queues of {sandbox.namespace} removed")
    report(results, args.target)
    return results


def write_json(results: Results, path: str) -> None:
    with open(path, "w") as f:
        json.dump({"params": results.params, "environment": results.environment, "summary_per_s": results.key,
                   "summary_latency_s": {k: lat.__dict__ for k, lat in results.key_latency.items()},
                   "throughput_per_s": [{"what": w.strip(), "rate": v, "note": n} for w, v, n in results.rows],
                   "latency_s": [{"what": w.strip(), **lat.__dict__} for w, lat in results.latencies],
                   "load": [{"what": w, "summary": s} for w, s in results.loads]},
                  f, indent=2, default=str)


if __name__ == "__main__":
    arguments = parse_args()
    figures = asyncio.run(main(arguments))
    if arguments.json:
        write_json(figures, arguments.json)
    if figures.failures:
        print("FAILED: " + "; ".join(figures.failures), file=sys.stderr)
        sys.exit(1)
