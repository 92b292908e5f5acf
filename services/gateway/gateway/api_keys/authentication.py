"""Which marketplace a request speaks for, from its X-Api-Key."""

from typing import Annotated

from fastapi import Depends, Request, Security

from gateway.api_keys.key_material import key_hash
from gateway.api_keys.store import marketplace_of_live_key
from gateway.security import API_KEY
from shared.database import autocommit_connection
from shared.errors import Unauthorized


async def partner_marketplace(request: Request, key: Annotated[str | None, Security(API_KEY)]) -> str:
    if not key:
        raise Unauthorized("Send an API key of your marketplace as X-Api-Key.", slug="missing-api-key")
    # Looked up on every request, never cached, so a revocation counts at once on every replica.
    # One statement on a connection of its own, not a unit of work: a session would hold its
    # connection until the response is sent, i.e. through the whole upstream call.
    async with autocommit_connection(request.app.state.runtime.engine) as connection:
        marketplace_id = await marketplace_of_live_key(connection, key_hash(key))
    if marketplace_id is None:
        raise Unauthorized("The API key is not valid or has been revoked.", slug="invalid-api-key")
    return marketplace_id


PartnerMarketplace = Annotated[str, Depends(partner_marketplace)]
