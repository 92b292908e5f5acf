"""Which key a request comes with (X-Api-Key), looked up on every request and never cached, so a
revocation counts at once on every replica. Plain statements on a pooled connection, not a unit of
work: a session would hold its connection through the whole upstream call."""

from typing import Annotated

import asyncpg
from fastapi import Depends, Request, Security

from gateway.api_keys.key_material import key_hash
from gateway.api_keys.store import LiveKey, live_key_by_hash
from gateway.security import API_KEY
from shared.database import autocommit_connection
from shared.errors import Forbidden, Unauthorized


async def sent_key(connection: asyncpg.Connection, key: str | None) -> LiveKey | None:
    """The live key the request carries; None when it carries none; 401 for one that isn't live."""
    if not key:
        return None
    live = await live_key_by_hash(connection, key_hash(key))
    if live is None:
        raise Unauthorized("The API key is not valid or has been revoked.", slug="invalid-api-key")
    return live


async def secret_key(request: Request, key: Annotated[str | None, Security(API_KEY)]) -> LiveKey:
    async with autocommit_connection(request.app.state.runtime.engine) as connection:
        live = await sent_key(connection, key)
    if live is None:
        raise Unauthorized("Send a secret key of your marketplace as X-Api-Key.", slug="missing-api-key")
    if not live.is_secret:
        raise Forbidden("A publishable key can't do this: it only identifies your marketplace in a browser or "
                        "an app. Call from your server with a secret key.", slug="secret-key-required")
    return live


SecretKey = Annotated[LiveKey, Depends(secret_key)]
