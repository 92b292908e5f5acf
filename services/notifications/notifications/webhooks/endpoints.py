"""A marketplace's endpoints: another marketplace's is "not found" (PL-1)."""

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from notifications.webhooks.models import Endpoint
from notifications.webhooks.urls import endpoint_url
from shared.errors import NotFound, Unprocessable


async def endpoint_of(session: AsyncSession, marketplace_id: str, endpoint_id: str) -> Endpoint:
    endpoint = (await session.exec(select(Endpoint).where(
        Endpoint.id == endpoint_id, Endpoint.marketplace_id == marketplace_id))).first()
    if endpoint is None:
        raise NotFound(f"No webhook endpoint '{endpoint_id}' in your marketplace.", slug="webhook-not-found")
    return endpoint


async def endpoints_of(session: AsyncSession, marketplace_id: str) -> list[Endpoint]:
    return list(await session.exec(select(Endpoint).where(
        Endpoint.marketplace_id == marketplace_id).order_by(Endpoint.created_at)))


def checked_url(url: str, allow_http_localhost: bool) -> str:
    try:
        return endpoint_url(url, allow_http_localhost)
    except ValueError as exc:
        raise Unprocessable(f"url: {exc}",
                            errors=[{"field": "url", "message": str(exc), "code": "value_error"}]) from None
