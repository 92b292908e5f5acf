"""Who may call through the gateway: a live API key and a user token of the same marketplace."""

from starlette.requests import Request

from gateway.api_keys.authentication import partner_marketplace
from gateway.security import API_KEY, USER_TOKEN
from shared.auth import Identity, current_identity
from shared.errors import Forbidden


async def partner_user(request: Request) -> Identity:
    """The key first, then the token: the order FastAPI resolved them in when they were dependencies.
    Called inline, all of it on the event loop: as dependencies, the token check (a plain function)
    went to a worker thread, and resolving them cost more than the checks themselves."""
    marketplace_id = await partner_marketplace(request, await API_KEY(request))
    identity = await current_identity(request, await USER_TOKEN(request))
    # The services verify the token again; checking here too keeps one partner's key from carrying
    # another marketplace's users (PL-1) and turns bad calls away before they cost a service anything.
    if identity.marketplace_id != marketplace_id:
        raise Forbidden("The user token belongs to another marketplace than the API key.",
                        slug="marketplace-mismatch")
    return identity
