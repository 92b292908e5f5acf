"""What the gateway adds to the app every service gets from shared.http.create_app."""

from collections.abc import AsyncIterator
from contextlib import aclosing, asynccontextmanager
from datetime import timedelta

from fastapi import FastAPI

from gateway.openapi.api import serve_merged_openapi
from gateway.openapi.catalog import ApiDocs
from gateway.origins.cors import answer_browsers_per_marketplace
from gateway.proxy.idempotency import keep_idempotency_to_own_routes
from gateway.proxy.upstreams import upstream_client
from gateway.rate_limits.limiter import RateLimits
from gateway.settings import GatewaySettings
from shared.auth import TokenIssuer


def configure_gateway(app: FastAPI, settings: GatewaySettings) -> None:
    app.state.token_issuer = TokenIssuer(settings.jwt_private_key.get_secret_value(), settings.jwt_issuer,
                                         settings.jwt_audience, timedelta(seconds=settings.token_ttl_s))
    app.state.upstream_urls = settings.upstream_urls
    keep_idempotency_to_own_routes(app)
    answer_browsers_per_marketplace(app)
    serve_merged_openapi(app)


@asynccontextmanager
async def gateway_lifespan(app: FastAPI, settings: GatewaySettings) -> AsyncIterator[None]:
    """What every proxied request uses, opened at start-up, shared by every request and closed with
    its connections at shutdown: the client to the services."""
    app.state.rate_limits = RateLimits(settings.redis_url, settings.rate_limit_per_user,
                                       settings.rate_limit_per_key, settings.amqp_namespace)
    async with upstream_client(settings.upstream_timeout_s) as client, aclosing(app.state.rate_limits):
        app.state.upstream_client = client
        app.state.api_docs = ApiDocs(app.openapi, client, app.state.upstream_urls, settings.upstream_timeout_s)
        yield
