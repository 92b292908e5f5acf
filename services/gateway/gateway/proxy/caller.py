"""Who may call through the gateway: a user token whose key is live, and a key sent alongside (if
any) of the same marketplace; for the operations that manage the marketplace, a secret key too."""

import asyncpg
from starlette.requests import Request

from gateway.api_keys.authentication import sent_key
from gateway.api_keys.store import LiveKey, live_key_by_id
from gateway.origins.cors import check_origin
from gateway.proxy.secret_operations import scope_needed
from gateway.security import API_KEY, USER_TOKEN
from shared.auth import Identity, current_identity
from shared.errors import Forbidden, Unauthorized


async def partner_user(connection: asyncpg.Connection, request: Request) -> Identity:
    """Called inline, all of it on the event loop: as dependencies, resolving them cost more than the
    checks themselves. The key first, then the token, as partners have always been answered. Every
    lookup on the one connection the caller holds for the checks."""
    key = await sent_key(connection, await API_KEY(request))
    identity = await current_identity(request, await USER_TOKEN(request))
    minter = await _key_that_minted(connection, identity, key)
    # The services verify the token again; checking here too keeps one partner's key from carrying
    # another marketplace's users (PL-1) and turns bad calls away before they cost a service anything.
    for vouching in (key, minter):
        if vouching is not None and vouching.marketplace_id != identity.marketplace_id:
            raise Forbidden("The user token belongs to another marketplace than the API key.",
                            slug="marketplace-mismatch")
    if (needed := scope_needed(request.method, request.scope["path"])) is not None:
        _check_secret_key(key, needed)
    await check_origin(connection, request, identity.marketplace_id)
    charged_key = minter or key
    request.state.rate_limit_headers = await request.app.state.rate_limits.charge(
        charged_key.id if charged_key else None, f"{identity.marketplace_id}/{identity.user_id}")
    return identity


async def _key_that_minted(connection: asyncpg.Connection, identity: Identity,
                           key: LiveKey | None) -> LiveKey | None:
    if identity.api_key_id is None:
        # A token minted before tokens named their key: only a live key sent alongside vouches for it.
        if key is None:
            raise Unauthorized("Send an API key of your marketplace as X-Api-Key.", slug="missing-api-key")
        return None
    if key is not None and key.id == identity.api_key_id:
        return key
    minter = await live_key_by_id(connection, identity.api_key_id)
    if minter is None:
        raise Unauthorized("The key that issued this token has been revoked; get a new token.",
                           slug="token-key-revoked")
    return minter


def _check_secret_key(key: LiveKey | None, needed: str) -> None:
    if key is None or not key.is_secret:
        raise Forbidden("Managing the marketplace takes a secret key of it (X-Api-Key), sent from your "
                        "server; a user token or a publishable key alone can't.", slug="secret-key-required")
    if needed == "policy" and not key.can_change_policy:
        raise Forbidden("This key may not change the marketplace's policy; the operator sets that scope when "
                        "issuing a key.", slug="key-scope-missing")
