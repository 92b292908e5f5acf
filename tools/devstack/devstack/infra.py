"""PostgreSQL, RabbitMQ and Redis as a stack sees them: do they answer, its databases, its AMQP names."""

import contextlib
import re
import shutil
import subprocess
from urllib.parse import unquote, urlsplit

import aio_pika
import asyncpg
import redis.asyncio
from sqlalchemy.engine import make_url

from shared.database import asyncpg_dsn
from shared.messaging.topology import Names

LOCAL_POSTGRES = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
LOCAL_AMQP = "amqp://guest:guest@127.0.0.1:5672/"
LOCAL_REDIS = "redis://127.0.0.1:6379/0"

# How the development machines and CI start the servers when they are down.
START_COMMANDS = {
    "PostgreSQL": "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
    "RabbitMQ": "rabbitmq-server -detached",
    "Redis": "redis-server --daemonize yes",
}

# Retry queues are numbered from 1, one per entry of <SERVICE>_RETRY_DELAYS_MS; delete this many.
MAX_RETRY_QUEUES = 10

_IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]{0,62}$")


def check_identifier(name: str, what: str = "database name") -> str:
    """Database names are built from a prefix; keep them plain so they never need escaping."""
    if not _IDENTIFIER.match(name):
        raise ValueError(f"invalid {what} {name!r}: use lower-case letters, digits and '_' (start with a letter)")
    return name


def redact(url: str) -> str:
    """The URL without its password, fit for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        parts = urlsplit(url)
        return parts._replace(netloc=parts.netloc.rsplit("@", 1)[-1]).geturl()


def database_url(admin_url: str, database: str) -> str:
    return make_url(admin_url).set(database=database).render_as_string(hide_password=False)


async def unavailable(postgres_url: str, amqp_url: str, redis_url: str, timeout_s: float = 5.0) -> list[str]:
    """One message per server that does not answer, with the command that starts it; empty when all do."""
    problems = []
    try:
        conn = await asyncpg.connect(asyncpg_dsn(postgres_url), timeout=timeout_s)
        await conn.close()
    except Exception as exc:
        problems.append(f"PostgreSQL does not answer at {redact(postgres_url)} ({type(exc).__name__}: {exc}).\n"
                        f"  Start it with:  {START_COMMANDS['PostgreSQL']}")
    try:
        conn = await aio_pika.connect(amqp_url, timeout=timeout_s)
        await conn.close()
    except Exception as exc:
        problems.append(f"RabbitMQ does not answer at {redact(amqp_url)} ({type(exc).__name__}: {exc}).\n"
                        f"  Start it with:  {START_COMMANDS['RabbitMQ']}")
    client = redis.asyncio.Redis.from_url(redis_url, socket_timeout=timeout_s, socket_connect_timeout=timeout_s)
    try:
        await client.ping()  # the gateway's rate limits are counted there
    except Exception as exc:
        problems.append(f"Redis does not answer at {redact(redis_url)} ({type(exc).__name__}: {exc}).\n"
                        f"  Start it with:  {START_COMMANDS['Redis']}")
    finally:
        await client.aclose()
    return problems


async def ensure_databases(admin_url: str, databases: list[str]) -> list[str]:
    """Create the databases that don't exist yet; returns the ones created."""
    created = []
    conn = await asyncpg.connect(asyncpg_dsn(admin_url))
    try:
        for database in databases:
            check_identifier(database)
            if await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", database):
                continue
            with contextlib.suppress(asyncpg.DuplicateDatabaseError):  # another stack won the race
                await conn.execute(f'CREATE DATABASE "{database}"')
                created.append(database)
    finally:
        await conn.close()
    return created


async def drop_databases(admin_url: str, databases: list[str]) -> list[str]:
    """Drop the databases that exist (closing their connections); returns the ones dropped."""
    dropped = []
    conn = await asyncpg.connect(asyncpg_dsn(admin_url))
    try:
        for database in databases:
            check_identifier(database)
            if await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", database):
                await conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
                dropped.append(database)
    finally:
        await conn.close()
    return dropped


def _listed_queues(amqp_url: str, namespace: str) -> set[str]:
    """Queues under the namespace as the local broker lists them (best effort: needs rabbitmqctl
    on this machine and a broker on localhost; otherwise only the known names are deleted)."""
    parts = urlsplit(amqp_url)
    if parts.hostname not in ("127.0.0.1", "localhost", "::1") or not shutil.which("rabbitmqctl"):
        return set()
    vhost = unquote(parts.path[1:]) if len(parts.path) > 1 else "/"
    try:
        out = subprocess.run(["rabbitmqctl", "-q", "list_queues", "-p", vhost, "--no-table-headers", "name"],
                             capture_output=True, text=True, timeout=20, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return set()
    return {line.strip() for line in out.splitlines() if line.strip().startswith(f"{namespace}.")}


async def delete_amqp_namespace(amqp_url: str, namespace: str, services: list[str]) -> None:
    """Delete every queue of the services under the namespace and the namespace's exchange.
    Deleting a queue or exchange that isn't there is not an error."""
    names = set(_listed_queues(amqp_url, namespace))
    for service in services:
        topology = Names(namespace, service)
        names |= {topology.work_queue, topology.dead_queue,
                  *(topology.retry_queue(i) for i in range(1, MAX_RETRY_QUEUES + 1))}
    connection = await aio_pika.connect(amqp_url)
    try:
        channel = await connection.channel()
        for name in sorted(names):
            if channel.is_closed:  # a broker error closes the channel: go on with a new one
                channel = await connection.channel()
            try:
                await channel.queue_delete(name)
            except Exception:
                pass
        if channel.is_closed:
            channel = await connection.channel()
        await channel.exchange_delete(Names(namespace, "").exchange)
    finally:
        await connection.close()
