"""The origins each marketplace allows, as statements on the driver: one index probe each."""

import asyncpg

from gateway.marketplaces.models import MarketplaceStatus

_OF_MARKETPLACE = "SELECT cors_origins FROM marketplaces WHERE id = $1"
_SET = "UPDATE marketplaces SET cors_origins = $2 WHERE id = $1"
_ALLOWED_BY_ANY = "SELECT EXISTS (SELECT FROM marketplaces WHERE cors_origins @> ARRAY[$1]::varchar[] AND status = $2)"
_ALLOWED_BY = "SELECT EXISTS (SELECT FROM marketplaces WHERE id = $1 AND cors_origins @> ARRAY[$2]::varchar[])"


async def origins_of(connection: asyncpg.Connection, marketplace_id: str) -> list[str]:
    return list(await connection.fetchval(_OF_MARKETPLACE, marketplace_id) or [])


async def set_origins(connection: asyncpg.Connection, marketplace_id: str, origins: list[str]) -> None:
    await connection.execute(_SET, marketplace_id, origins)


async def allowed_by_any(connection: asyncpg.Connection, origin: str) -> bool:
    return await connection.fetchval(_ALLOWED_BY_ANY, origin, MarketplaceStatus.ACTIVE.value)


async def allowed_by(connection: asyncpg.Connection, marketplace_id: str, origin: str) -> bool:
    return await connection.fetchval(_ALLOWED_BY, marketplace_id, origin)
