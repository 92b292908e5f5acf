"""pytest fixtures for every test suite of the repository (loaded with `-p shared.testing.fixtures`)."""

import asyncio
import uuid
from contextlib import ExitStack

import aio_pika
import asyncpg
import pytest
from sqlalchemy.engine import make_url

from shared.auth import Role, TokenIssuer, generate_keypair
from shared.database import asyncpg_dsn
from shared.migrations import upgrade
from shared.service import Service
from shared.settings import ServiceSettings
from shared.testing.infra import resolve


@pytest.fixture(scope="session")
def infra():
    with ExitStack() as stack:
        try:
            yield resolve(stack)
        except RuntimeError as exc:
            pytest.fail(str(exc), pytrace=False)


@pytest.fixture(scope="session")
def run_id() -> str:
    return uuid.uuid4().hex[:8]


@pytest.fixture(scope="session")
def amqp_namespace(run_id) -> str:
    """Every exchange and queue of this run is under this prefix; removed at the end."""
    return f"test-{run_id}"


@pytest.fixture(scope="session")
def keypair() -> tuple[str, str]:
    return generate_keypair()


@pytest.fixture(scope="session")
def token_issuer(keypair) -> TokenIssuer:
    return TokenIssuer(keypair[0], issuer="lessons-gateway", audience="lessons-api")


@pytest.fixture(scope="session")
def make_token(token_issuer):
    def make(user_id: str = "user-1", role: Role = Role.STUDENT, marketplace_id: str = "mkt-a") -> str:
        return token_issuer.issue(user_id, role, marketplace_id)[0]

    return make


class Databases:
    """Creates databases named after the run, and drops them all at the end."""

    def __init__(self, admin_url: str, run_id: str):
        self.admin_dsn = asyncpg_dsn(admin_url)
        self.admin_url = admin_url
        self.run_id = run_id
        self.created: list[str] = []

    async def create(self, name: str) -> str:
        database = f"t_{self.run_id}_{name}"
        conn = await asyncpg.connect(self.admin_dsn)
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            await conn.execute(f'CREATE DATABASE "{database}"')
        finally:
            await conn.close()
        self.created.append(database)
        return make_url(self.admin_url).set(database=database).render_as_string(hide_password=False)

    async def drop_all(self) -> None:
        conn = await asyncpg.connect(self.admin_dsn)
        try:
            for database in self.created:
                await conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        finally:
            await conn.close()


@pytest.fixture(scope="session")
async def databases(infra, run_id):
    dbs = Databases(infra.postgres_url, run_id)
    yield dbs
    await dbs.drop_all()


@pytest.fixture(scope="session")
async def amqp_cleanup(infra, amqp_namespace):
    """At the end of the run, delete every queue and exchange under the run's namespace."""
    queues: set[str] = set()
    yield queues
    connection = await aio_pika.connect(infra.amqp_url)
    try:
        for name in sorted(queues):
            channel = await connection.channel()
            try:
                await channel.queue_delete(name)
            except Exception:
                pass
        channel = await connection.channel()
        await channel.exchange_delete(f"{amqp_namespace}.events")
    finally:
        await connection.close()


@pytest.fixture(scope="session")
def service_settings(infra, databases, keypair, amqp_namespace, amqp_cleanup):
    """Settings of a service against its own new, migrated database of this run."""

    async def make(service: Service, database: str | None = None, **overrides) -> ServiceSettings:
        url = await databases.create(database or service.name)
        await asyncio.to_thread(upgrade, service.migrations_dir, url)
        values = {
            "database_url": url, "amqp_url": infra.amqp_url, "amqp_namespace": amqp_namespace,
            "jwt_public_key": keypair[1], "retry_delays_ms": [50, 100, 200], "outbox_poll_interval_s": 0.2,
            "timer_poll_interval_s": 0.1, "log_json": False,
        }
        if "redis_url" in service.settings_cls.model_fields:  # the gateway's rate limits
            values["redis_url"] = infra.redis_url
        values.update(overrides)
        amqp_cleanup.update(_queue_names(amqp_namespace, service.name, values["retry_delays_ms"]))
        return service.settings_cls(**values)

    return make


def _queue_names(namespace: str, service: str, delays: list[int]) -> list[str]:
    base = f"{namespace}.{service}"
    return [base, f"{base}.dead", *(f"{base}.retry.{i}" for i in range(1, len(delays) + 1))]

