"""Async engine, sessions and the metadata conventions of every service database."""

import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
from sqlalchemy import MetaData
from sqlalchemy import exc as sqlalchemy_exc
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.orm import registry
from sqlmodel import SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_metadata() -> MetaData:
    return MetaData(naming_convention=NAMING_CONVENTION)


def declarative_base() -> type[SQLModel]:
    """A SQLModel base with its own registry, so one service's tables never leak into another's."""

    class Base(SQLModel, registry=registry(metadata=new_metadata())):
        pass

    return Base


def create_engine(url: str, application_name: str | None = None, **kwargs) -> AsyncEngine:
    # A fixed pool: connections opened on demand up to pool_size and then kept. Overflow ones would
    # be closed whenever the load dips and opened again when it rises, a TCP and authentication
    # handshake each; beyond pool_size a request waits for a connection (pool_timeout).
    kwargs.setdefault("pool_size", 20)
    kwargs.setdefault("max_overflow", 0)
    # No pre-ping: it costs three round trips per checkout. A connection the server dropped fails
    # the one operation that meets it; SQLAlchemy then renews the pool, and the caller's retry
    # (consumer back-off, relay loop, client) succeeds.
    kwargs.setdefault("pool_pre_ping", False)
    kwargs.setdefault("pool_recycle", 300)
    if application_name:
        kwargs.setdefault("connect_args", {}).setdefault("server_settings", {})["application_name"] = application_name
    return create_async_engine(url, **kwargs)


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)


async def driver_connection(session: AsyncSession) -> asyncpg.Connection:
    """The asyncpg connection under `session`, inside the session's transaction.

    For the statements that run for every request or event (outbox write, inbox claim, the
    consumer's per-message savepoint, the services' hot paths): through SQLAlchemy each costs about
    150 us of CPU, straight on the driver about 40. They share the session's transaction, so they
    commit or roll back with it.
    SQLAlchemy has set the connection's json/jsonb codecs: parameters go in as JSON text (`$1::jsonb`
    with `json.dumps(...)`), values come back decoded.
    """
    # Asking the session costs about as much as a statement (a greenlet switch into it), so the
    # answer is kept for the rest of the transaction. A new transaction (after a commit or rollback),
    # or one SQLAlchemy gave up on (a failed flush), asks again: a statement never runs outside it.
    transaction = session.sync_session.get_transaction()
    kept = session.info.get(_DRIVER_CONNECTION)
    if kept is not None and transaction is not None and kept[0] is transaction and transaction.is_active:
        return kept[1]
    connection = await session.connection()
    fairy = await connection.get_raw_connection()
    adapted = fairy.dbapi_connection
    # SQLAlchemy's asyncpg adapter sends BEGIN lazily, with its first statement; a statement sent
    # past it must start that transaction first, or it would run (and commit) on its own.
    async with adapted._execute_mutex:
        if adapted._transaction is None:
            await adapted._start_transaction()
    session.info[_DRIVER_CONNECTION] = (session.sync_session.get_transaction(), fairy.driver_connection)
    return fairy.driver_connection


_DRIVER_CONNECTION = "shared.driver_connection"  # session.info: (the session's transaction, its connection)


@asynccontextmanager
async def autocommit_connection(engine: AsyncEngine) -> AsyncIterator[asyncpg.Connection]:
    """A pooled asyncpg connection outside any transaction: each statement on it commits alone,
    unless the caller opens `conn.transaction()`.

    For plumbing that needs no unit of work (the idempotency key's claim and answer, the relay's
    batch): no SQLAlchemy on the way, and no BEGIN and COMMIT around a single statement.
    """
    async with engine.connect() as connection:
        fairy = await connection.get_raw_connection()
        yield fairy.driver_connection


# What a lost or refused database connection raises, through SQLAlchemy or straight from asyncpg.
_UNREACHABLE = (ConnectionError, TimeoutError, socket.gaierror, asyncpg.PostgresConnectionError,
                asyncpg.ConnectionDoesNotExistError, asyncpg.CannotConnectNowError,
                asyncpg.exceptions.OperatorInterventionError, sqlalchemy_exc.TimeoutError)


def is_database_unreachable(exc: BaseException) -> bool:
    """Whether `exc` (or what caused it) says the database can't be reached, rather than that a
    statement was wrong: the first is worth a retry later, the second is a bug."""
    for current in _chain(exc):
        if isinstance(current, _UNREACHABLE):
            return True
        if isinstance(current, sqlalchemy_exc.DBAPIError) and current.connection_invalidated:
            return True
        # asyncpg says so of a pooled connection the server dropped, only in words.
        if isinstance(current, asyncpg.InterfaceError) and "connection is closed" in str(current):
            return True
    return False


# What a request meets when a concurrent one changed the same rows first: its transaction is rolled
# back whole, and the same request may well succeed when sent again.
_CONCURRENT = (asyncpg.UniqueViolationError, asyncpg.SerializationError, asyncpg.DeadlockDetectedError)


def is_concurrent_change(exc: BaseException) -> bool:
    return any(isinstance(cause, _CONCURRENT) for cause in _chain(exc))


def _chain(exc: BaseException):
    """The exception and what caused it: SQLAlchemy keeps the driver's error as `orig`."""
    current: BaseException | None = exc
    for _ in range(10):
        if current is None:
            return
        yield current
        current = getattr(current, "orig", None) or current.__cause__ or current.__context__


def asyncpg_dsn(url: str | URL) -> str:
    """The plain libpq-style DSN asyncpg.connect() takes, from a SQLAlchemy URL."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


# Tables of the shared plumbing (outbox, inbox, timers, idempotency keys). Every service database
# has them; each service's migrations create them alongside its own tables.
plumbing_metadata = new_metadata()
