"""The API key statement every proxied request sends, as plain SQL on the driver."""

import asyncpg

from gateway.marketplaces.models import MarketplaceStatus

# By hash, with the marketplace's status: a revoked key, or a key of a marketplace that is not
# active, finds nothing. The unique index on key_hash makes it one index probe.
MARKETPLACE_OF_LIVE_KEY = (
    "SELECT k.marketplace_id FROM api_keys k JOIN marketplaces m ON m.id = k.marketplace_id"
    " WHERE k.key_hash = $1 AND k.revoked_at IS NULL AND m.status = $2"
)


async def marketplace_of_live_key(connection: asyncpg.Connection, key_hash: str) -> str | None:
    return await connection.fetchval(MARKETPLACE_OF_LIVE_KEY, key_hash, MarketplaceStatus.ACTIVE.value)
