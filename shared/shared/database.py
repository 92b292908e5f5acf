"""Async engine, sessions and the metadata conventions of every service database."""

from sqlalchemy import MetaData
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


def create_engine(url: str, **kwargs) -> AsyncEngine:
    kwargs.setdefault("pool_size", 10)
    kwargs.setdefault("max_overflow", 10)
    # No pre-ping: it costs three round trips per checkout. A connection the server dropped fails
    # the one operation that meets it; SQLAlchemy then renews the pool, and the caller's retry
    # (consumer back-off, relay loop, client) succeeds.
    kwargs.setdefault("pool_pre_ping", False)
    kwargs.setdefault("pool_recycle", 300)
    return create_async_engine(url, **kwargs)


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)


def asyncpg_dsn(url: str | URL) -> str:
    """The plain libpq-style DSN asyncpg.connect() takes, from a SQLAlchemy URL."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


# Tables of the shared plumbing (outbox, inbox, timers, idempotency keys). Every service database
# has them; each service's migrations create them alongside its own tables.
plumbing_metadata = new_metadata()
