"""Where the test run finds PostgreSQL, RabbitMQ and Redis, in this order:

1. the URLs in the environment (TEST_POSTGRES_URL, TEST_AMQP_URL, TEST_REDIS_URL);
2. the servers on localhost, when they answer (development machines and CI have them);
3. testcontainers, when a Docker engine is reachable;
4. otherwise a clear failure naming what is missing; never a silent skip.
"""

import os
import socket
from contextlib import ExitStack
from dataclasses import dataclass

LOCAL_POSTGRES = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
LOCAL_AMQP = "amqp://guest:guest@127.0.0.1:5672/"
LOCAL_REDIS = "redis://127.0.0.1:6379/0"


@dataclass(frozen=True)
class Infra:
    postgres_url: str  # an admin URL (may create and drop databases), postgresql+asyncpg://
    amqp_url: str
    redis_url: str
    origin: str


def _answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def resolve(stack: ExitStack) -> Infra:
    env = {name: os.environ.get(f"TEST_{name}_URL") for name in ("POSTGRES", "AMQP", "REDIS")}
    pg = env["POSTGRES"] or (LOCAL_POSTGRES if _answers("127.0.0.1", 5432) else None)
    amqp = env["AMQP"] or (LOCAL_AMQP if _answers("127.0.0.1", 5672) else None)
    redis = env["REDIS"] or (LOCAL_REDIS if _answers("127.0.0.1", 6379) else None)
    if pg and amqp and redis:
        return Infra(pg, amqp, redis, "environment" if any(env.values()) else "localhost")
    try:
        import docker

        docker.from_env().ping()
    except Exception as exc:
        missing = " and ".join(n for n, url in (("PostgreSQL", pg), ("RabbitMQ", amqp), ("Redis", redis)) if not url)
        raise RuntimeError(
            f"No {missing} for the tests: set TEST_POSTGRES_URL / TEST_AMQP_URL / TEST_REDIS_URL, start the local "
            "servers (pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start; rabbitmq-server "
            "-detached; redis-server --daemonize yes), or make a Docker engine reachable for testcontainers "
            f"({type(exc).__name__}: {exc})."
        ) from None
    if not pg:
        from testcontainers.community.postgres import PostgresContainer

        container = stack.enter_context(PostgresContainer("postgres:16-alpine"))
        pg = container.get_connection_url(driver="asyncpg")
    if not amqp:
        from testcontainers.community.rabbitmq import RabbitMqContainer

        container = stack.enter_context(RabbitMqContainer("rabbitmq:3.13-management-alpine"))
        amqp = f"amqp://guest:guest@{container.get_container_host_ip()}:{container.get_exposed_port(5672)}/"
    if not redis:
        from testcontainers.redis import RedisContainer

        container = stack.enter_context(RedisContainer("redis:7.4-alpine"))
        redis = f"redis://{container.get_container_host_ip()}:{container.get_exposed_port(6379)}/0"
    return Infra(pg, amqp, redis, "testcontainers")
