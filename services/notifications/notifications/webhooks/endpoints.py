"""A marketplace's endpoints: another marketplace's is "not found" (PL-1)."""

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from notifications.webhooks.destinations import Blocked, Unresolvable, checked_addresses
from notifications.webhooks.models import Endpoint
from notifications.webhooks.urls import parsed_url
from shared.errors import NotFound, Unprocessable


async def endpoint_of(session: AsyncSession, marketplace_id: str, endpoint_id: str,
                      for_update: bool = False) -> Endpoint:
    """`for_update` for a change: a concurrent removal then makes this a 404, not a failed update."""
    query = select(Endpoint).where(Endpoint.id == endpoint_id, Endpoint.marketplace_id == marketplace_id)
    endpoint = (await session.exec(query.with_for_update() if for_update else query)).first()
    if endpoint is None:
        raise NotFound(f"No webhook endpoint '{endpoint_id}' in your marketplace.", slug="webhook-not-found")
    return endpoint


async def endpoints_of(session: AsyncSession, marketplace_id: str) -> list[Endpoint]:
    return list(await session.exec(select(Endpoint).where(
        Endpoint.marketplace_id == marketplace_id).order_by(Endpoint.created_at)))


async def checked_url(url: str, allow_local: bool, timeout_s: float) -> str:
    """The URL when a webhook may go there: its form, its host, and what that host resolves to now
    (every delivery resolves and checks again: DNS may change in between)."""
    try:
        target = parsed_url(url, allow_local)
        await checked_addresses(target, allow_local, timeout_s)
    except (ValueError, Blocked) as exc:
        raise _refused(str(exc)) from None
    except Unresolvable as exc:
        # A partner may register before its DNS is live: nothing is sent until it resolves, and
        # then to public addresses only. Plain http must be seen to stay on this machine now.
        if target.loopback_only:
            raise _refused(f"plain http:// only goes to this machine, and {exc}") from None
    return target.url


def _refused(message: str) -> Unprocessable:
    return Unprocessable(f"url: {message}", errors=[{"field": "url", "message": message, "code": "value_error"}])
