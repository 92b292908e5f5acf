"""Alembic, per service: each service keeps its own versions; env.py and the commands are here."""

import asyncio
from pathlib import Path

from alembic import command, context
from alembic.config import Config
from sqlalchemy import MetaData, pool
from sqlalchemy.ext.asyncio import create_async_engine

from shared import idempotency, revoked_keys, timers
from shared.database import plumbing_metadata
from shared.messaging import inbox, outbox

# The plumbing tables register themselves on plumbing_metadata when their modules are imported.
PLUMBING_TABLES = (idempotency.idempotency_table, timers.timers_table, inbox.inbox_table, outbox.outbox_table,
                   revoked_keys.revoked_keys_table)


def alembic_config(migrations_dir: Path, database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade(migrations_dir: Path, database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(migrations_dir, database_url), revision)


def new_revision(migrations_dir: Path, database_url: str, message: str) -> None:
    command.revision(alembic_config(migrations_dir, database_url), message=message, autogenerate=True)


def run_env(service_metadata: MetaData) -> None:
    """The body of every service's migrations/env.py."""
    target = [service_metadata, plumbing_metadata]
    url = context.config.get_main_option("sqlalchemy.url")
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=target, literal_binds=True, compare_type=True)
        with context.begin_transaction():
            context.run_migrations()
        return

    def migrate(connection) -> None:
        context.configure(connection=connection, target_metadata=target, compare_type=True)
        with context.begin_transaction():
            context.run_migrations()

    async def run() -> None:
        engine = create_async_engine(url, poolclass=pool.NullPool)
        async with engine.connect() as connection:
            await connection.run_sync(migrate)
        await engine.dispose()

    asyncio.run(run())
