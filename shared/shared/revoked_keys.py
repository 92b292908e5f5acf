"""API keys revoked by the gateway, as every service knows them: a user token names the key that
minted it, and a token of a revoked key is refused here too, not only at the gateway (a service may
be reached past it, and defence in depth is cheap).

The gateway announces a revocation (gateway.api_key_revoked.v1); each service's consumer records it
in its own database, and each API process reads the set every few seconds: a revocation counts at the
gateway at once and at the services within moments, without a statement per request.
"""

import asyncio
from datetime import timedelta

import structlog
from sqlalchemy import Column, DateTime, String, Table, func, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncEngine

from shared.database import plumbing_metadata
from shared.events import ApiKeyRevoked, Envelope
from shared.messaging.handlers import HandlerRegistry

log = structlog.get_logger(__name__)

revoked_keys_table = Table(
    "revoked_api_keys",
    plumbing_metadata,
    Column("key_id", String(40), primary_key=True),
    Column("marketplace_id", String(100), nullable=False),
    Column("revoked_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)
# Longer than any token lives (a key mints tokens of a day at most): older revocations stop nothing.
KEPT_FOR = timedelta(days=2)
REFRESH_EVERY_S = 2.0

handlers = HandlerRegistry()


@handlers.on(ApiKeyRevoked.event_type)
async def record_revocation(event: Envelope[ApiKeyRevoked], uow) -> None:
    await uow.session.exec(insert(revoked_keys_table).values(
        key_id=event.data.key_id, marketplace_id=event.data.marketplace_id).on_conflict_do_nothing())


class RevokedKeys:
    """The ids of revoked keys, as this process last read them."""

    def __init__(self) -> None:
        self._ids: frozenset[str] = frozenset()

    def __contains__(self, key_id: object) -> bool:
        return key_id in self._ids

    async def refresh(self, engine: AsyncEngine) -> None:
        async with engine.connect() as conn:
            rows = await conn.execute(text("SELECT key_id FROM revoked_api_keys"))
            self._ids = frozenset(row[0] for row in rows)

    async def keep_fresh(self, engine: AsyncEngine) -> None:
        while True:
            try:
                await self.refresh(engine)
            except Exception as exc:  # the database is away: keep the last set, try again
                log.warning("revoked_keys.refresh_failed", error=type(exc).__name__)
            await asyncio.sleep(REFRESH_EVERY_S)
