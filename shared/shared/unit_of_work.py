"""One database transaction for a request, event handler or timer, with the events it causes.

The domain code asks for changes through the session and announces facts with `emit`; commit
writes the facts to the outbox in the same transaction, so a change and its events are never apart.
"""

from contextlib import asynccontextmanager, suppress
from datetime import datetime

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from shared import timers
from shared.context import current_causation
from shared.database import driver_connection
from shared.events import Envelope, EventData
from shared.messaging.outbox import write_to_outbox


class UnitOfWork:
    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], source: str):
        self._sessionmaker = sessionmaker
        self.source = source
        self.session: AsyncSession
        self._pending: list[Envelope] = []

    async def __aenter__(self) -> "UnitOfWork":
        # The session begins its transaction with its first statement (autobegin), sparing a call.
        self.session = self._sessionmaker()
        self._pending = []
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
        """Set (or move) the timer `kind`/`key` to fire at `due_at`."""
        await timers.set_timer(self.session, kind, key, due_at, payload or {}, marketplace)

    async def cancel_timer(self, kind: str, key: str) -> None:
        await timers.cancel_timer(self.session, kind, key)

    @asynccontextmanager
    async def savepoint(self):
        """Undo the changes and events of the block if it raises, keep the rest of the transaction."""
        pending = len(self._pending)
        try:
            async with self.session.begin_nested():
                yield
        except BaseException:
            del self._pending[pending:]
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
        pending = len(self._pending)
        await connection.execute("SAVEPOINT message")
        try:
            yield
            await self.flush()
        except BaseException:
            del self._pending[pending:]
            self.session.expunge_all()
            with suppress(Exception):  # gone with the whole transaction, when a flush failed
                await connection.execute("ROLLBACK TO SAVEPOINT message")
            raise

    async def commit(self) -> list[Envelope]:
        events, self._pending = self._pending, []
        await write_to_outbox(self.session, events)
        await self.session.commit()
        return events
