"""What the gateway adds to the app every service gets from shared.http.create_app."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

from fastapi import FastAPI

from gateway.openapi.api import serve_merged_openapi
from gateway.openapi.catalog import ApiDocs
from gateway.proxy.idempotency import keep_idempotency_to_own_routes
from gateway.proxy.upstreams import upstream_client
from gateway.settings import GatewaySettings
from shared.auth import TokenIssuer


def configure_gateway(app: FastAPI, settings: GatewaySettings) -> None:
    app.state.token_issuer = TokenIssuer(settings.jwt_private_key.get_secret_value(), settings.jwt_issuer,
                                         settings.jwt_audience, timedelta(seconds=settings.token_ttl_s))
    app.router.lifespan_context = _with_upstream_client(app.router.lifespan_context, settings)
    keep_idempotency_to_own_routes(app)
    serve_merged_openapi(app)


def _with_upstream_client(lifespan, settings: GatewaySettings):
    """create_app's lifespan (database, runtime) with the client to the services inside it: opened at
    start-up, shared by every request, closed with its connections at shutdown."""

    @asynccontextmanager
    async def lifespan_with_client(app: FastAPI) -> AsyncIterator:
        async with lifespan(app) as state, upstream_client(settings.upstream_timeout_s) as client:
            app.state.upstream_client = client
            app.state.api_docs = ApiDocs(app.openapi, client, settings.upstream_urls, settings.upstream_timeout_s)
            yield state

    return lifespan_with_client
