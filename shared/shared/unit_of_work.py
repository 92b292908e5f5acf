"""One database transaction for a request, event handler or timer, with the events it causes.

The domain code asks for changes through the session, announces facts with `emit` and sets timers
with `schedule`; commit writes the facts to the outbox and the timers in the same transaction, so a
change, its events and its deadlines are never apart.
"""

from collections.abc import Awaitable, Callable, Hashable
from contextlib import asynccontextmanager, suppress
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from shared.context import current_causation
from shared.database import driver_connection
from shared.deferred import TimerChange, write_deferred
from shared.events import Envelope, EventData

T = TypeVar("T")


class UnitOfWork:
    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], source: str):
        self._sessionmaker = sessionmaker
        self.source = source
        self.session: AsyncSession
        self._pending: list[Envelope] = []
        self._timer_changes: list[TimerChange] = []
        self._remembered: dict[Hashable, Any] = {}

    async def __aenter__(self) -> "UnitOfWork":
        # The session begins its transaction with its first statement (autobegin), sparing a call.
        self.session = self._sessionmaker()
        self._pending = []
        self._timer_changes = []
        self._remembered = {}
        return self

    async def __aexit__(self, *exc_info) -> None:
        # Anything not committed explicitly is undone: closing rolls back a transaction in progress,
        # so a half-done change never lands.
        await self.session.close()

    def emit(self, data: EventData, *, marketplace: str, subject: str | None = None) -> Envelope:
        causation = current_causation()
        envelope = Envelope(
            type=data.event_type,
            source=self.source,
            subject=subject,
            marketplace=marketplace,
            correlation_id=causation.correlation_id,
            causation_id=causation.causation_id,
            data=data,
        )
        self._pending.append(envelope)
        return envelope

    async def schedule(self, kind: str, key: str, due_at: datetime, payload: dict | None = None,
                       marketplace: str | None = None) -> None:
        """Set (or move) the timer `kind`/`key` to fire at `due_at`, when the transaction commits."""
        self._timer_changes.append(TimerChange(kind, key, due_at, payload or {}, marketplace))

    async def cancel_timer(self, kind: str, key: str) -> None:
        self._timer_changes.append(TimerChange(kind, key, None, {}, None))

    async def remembered(self, key: Hashable, load: Callable[[], Awaitable[T]]) -> T:
        """What `load` reads, read once for the transaction: for what a consumer's batch would otherwise
        read again for each of its messages (a marketplace's settings). A change to it in the
        transaction must `forget` it."""
        if key not in self._remembered:
            self._remembered[key] = await load()
        return self._remembered[key]

    def forget(self, key: Hashable) -> None:
        self._remembered.pop(key, None)

    def _mark(self) -> tuple[int, int]:
        return len(self._pending), len(self._timer_changes)

    def _undo_since(self, mark: tuple[int, int]) -> None:
        del self._pending[mark[0]:]
        del self._timer_changes[mark[1]:]
        self._remembered.clear()  # it may have been read after an undone change

    @asynccontextmanager
    async def savepoint(self):
        """Undo the changes, events and timers of the block if it raises, keep the rest of the transaction."""
        mark = self._mark()
        try:
            async with self.session.begin_nested():
                yield
        except BaseException:
            self._undo_since(mark)
            raise

    async def flush(self) -> None:
        """Send the session's pending changes now, so that their errors show here, not at commit."""
        if self.session.new or self.session.dirty or self.session.deleted:
            await self.session.flush()

    @asynccontextmanager
    async def flushed(self):
        """The block's changes are sent at its end: a failed flush is the block's error."""
        yield
        await self.flush()

    @asynccontextmanager
    async def isolated(self):
        """Like `savepoint`, for the consumer's batches: one savepoint per message, sent straight on
        the driver, as SQLAlchemy's nested transaction costs two of its statements per message.

        Never released: the next message's savepoint nests inside this one and the commit ends them
        all, so a message costs one extra round trip, not two. SQLAlchemy does not know of them, so
        the block's changes are flushed inside it, and when it raises the session forgets the objects
        it holds, which may be of undone work. A failed flush makes SQLAlchemy roll back the whole
        transaction; the batch then fails at commit and the consumer handles its messages one by one.
        """
        await self.flush()
        connection = await driver_connection(self.session)
        mark = self._mark()
        await connection.execute("SAVEPOINT message")
        try:
            yield
            await self.flush()
        except BaseException:
            self._undo_since(mark)
            self.session.expunge_all()
            with suppress(Exception):  # gone with the whole transaction, when a flush failed
                await connection.execute("ROLLBACK TO SAVEPOINT message")
            raise

    async def commit(self) -> list[Envelope]:
        events, self._pending = self._pending, []
        timer_changes, self._timer_changes = self._timer_changes, []
        self._remembered = {}
        await write_deferred(self.session, events, timer_changes)
        await self.session.commit()
        return events
