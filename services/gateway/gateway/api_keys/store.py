"""The API key statements every proxied request sends, as plain SQL on the driver."""

from dataclasses import dataclass

import asyncpg

from gateway.api_keys.models import KeyKind
from gateway.marketplaces.models import MarketplaceStatus


@dataclass(frozen=True)
class LiveKey:
    id: str
    marketplace_id: str
    kind: KeyKind
    roles: frozenset[str]
    max_token_ttl_s: int
    can_change_policy: bool

    @property
    def is_secret(self) -> bool:
        return self.kind is KeyKind.SECRET


# With the marketplace's status: a revoked key, or a key of a marketplace that is not active, finds
# nothing. By hash (the key sent) or by id (the key a token names): each one index probe.
_LIVE_KEY = (
    "SELECT k.id, k.marketplace_id, k.kind, k.roles, k.max_token_ttl_s, k.can_change_policy"
    " FROM api_keys k JOIN marketplaces m ON m.id = k.marketplace_id"
    " WHERE k.{column} = $1 AND k.revoked_at IS NULL AND m.status = $2"
)
_BY_HASH, _BY_ID = _LIVE_KEY.format(column="key_hash"), _LIVE_KEY.format(column="id")


async def live_key_by_hash(connection: asyncpg.Connection, key_hash: str) -> LiveKey | None:
    return _live(await connection.fetchrow(_BY_HASH, key_hash, MarketplaceStatus.ACTIVE.value))


async def live_key_by_id(connection: asyncpg.Connection, key_id: str) -> LiveKey | None:
    return _live(await connection.fetchrow(_BY_ID, key_id, MarketplaceStatus.ACTIVE.value))


def _live(row: asyncpg.Record | None) -> LiveKey | None:
    if row is None:
        return None
    return LiveKey(row["id"], row["marketplace_id"], KeyKind(row["kind"]), frozenset(row["roles"]),
                   row["max_token_ttl_s"], row["can_change_policy"])
