"""Deadlines as rows: set in the transaction that creates them (`UnitOfWork.schedule`), fired by any
number of schedulers, each row by exactly one of them (`FOR UPDATE SKIP LOCKED`)."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Identity,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    delete,
    func,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession

from shared.database import plumbing_metadata

if TYPE_CHECKING:
    from shared.unit_of_work import UnitOfWork

timers_table = Table(
    "timers",
    plumbing_metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("kind", String(100), nullable=False),
    Column("key", String(200), nullable=False),
    Column("marketplace", String(100)),
    Column("due_at", DateTime(timezone=True), nullable=False),
    Column("payload", JSONB, nullable=False, server_default="{}"),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("last_error", Text),
    # A timer whose handler keeps failing stops here, visible, instead of being retried forever.
    Column("failed_at", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    UniqueConstraint("kind", "key"),
    Index("ix_timers_due", "due_at", postgresql_where=text("failed_at IS NULL")),
)


@dataclass(frozen=True)
class Timer:
    id: int
    kind: str
    key: str
    marketplace: str | None
    due_at: datetime
    payload: dict
    attempts: int


TimerHandler = Callable[[Timer, "UnitOfWork"], Awaitable[None]]


class TimerRegistry:
    """A service declares what each kind of timer does: `@timers.on("booking.auto_confirm")`."""

    def __init__(self) -> None:
        self._handlers: dict[str, TimerHandler] = {}

    def on(self, kind: str):
        def register(fn: TimerHandler) -> TimerHandler:
            if kind in self._handlers:
                raise ValueError(f"timer kind {kind!r} has two handlers")
            self._handlers[kind] = fn
            return fn

        return register

    def handler(self, kind: str) -> TimerHandler:
        return self._handlers[kind]

    @property
    def kinds(self) -> list[str]:
        return list(self._handlers)


async def claim_due_timer(session: AsyncSession, kinds: list[str]) -> Timer | None:
    row = (
        await session.exec(
            select(timers_table)
            .where(timers_table.c.due_at <= func.now(), timers_table.c.failed_at.is_(None),
                   timers_table.c.kind.in_(kinds))
            .order_by(timers_table.c.due_at)
            .limit(1)
            .with_for_update(skip_locked=True)
        )
    ).mappings().first()
    if row is None:
        return None
    return Timer(**{f: row[f] for f in Timer.__dataclass_fields__})


async def finish_timer(session: AsyncSession, timer_id: int) -> None:
    await session.exec(delete(timers_table).where(timers_table.c.id == timer_id))


async def record_failure(session: AsyncSession, timer_id: int, error: str, retry_at: datetime | None) -> None:
    values = {"attempts": timers_table.c.attempts + 1, "last_error": error}
    if retry_at is None:
        values["failed_at"] = func.now()
    else:
        values["due_at"] = retry_at
    await session.exec(update(timers_table).where(timers_table.c.id == timer_id).values(**values))
