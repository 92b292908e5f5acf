"""CORS per marketplace. A preflight carries no credentials, so it is answered for an origin some
marketplace allows; the call itself is then refused (403) unless the marketplace of its token allows
that origin (gateway.proxy.caller), which also keeps pages of other origins from acting for a user.
Answers carry the CORS headers only for an allowed origin: a browser shows other pages nothing."""

import asyncpg
from fastapi import FastAPI
from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.origins.store import allowed_by, allowed_by_any
from shared.database import autocommit_connection
from shared.errors import Forbidden, UnhandledErrors

ALLOWED_HEADERS = "Authorization, Content-Type, Idempotency-Key, If-Match, X-Api-Key, X-Request-ID, X-Correlation-ID"
ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE"
EXPOSED_HEADERS = ("Location, ETag, Retry-After, Idempotent-Replayed, X-Request-ID, RateLimit-Limit, "
                   "RateLimit-Remaining, RateLimit-Reset, RateLimit-Policy")
PREFLIGHT_MAX_AGE_S = 600
# scope["state"] key: the origin the request's own marketplace allows, once checked.
ALLOWED_ORIGIN = "cors_allowed_origin"


async def check_origin(connection: asyncpg.Connection, request: Request, marketplace_id: str) -> None:
    """A call from a browser page must come from an origin its marketplace allows."""
    origin = request.headers.get("origin")
    if origin is None:
        return  # not a browser page: a partner's server, a mobile app
    if not await allowed_by(connection, marketplace_id, origin):
        raise Forbidden(f"Calls from {origin} are not allowed for this marketplace; add it with "
                        "PUT /v1/allowed-origins.", slug="origin-not-allowed")
    request.scope.setdefault("state", {})[ALLOWED_ORIGIN] = origin


class MarketplaceCors:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = Headers(scope=scope)
        origin = headers.get("origin")
        if origin is None:
            return await self.app(scope, receive, send)
        engine = scope["app"].state.runtime.engine
        if scope["method"] == "OPTIONS" and "access-control-request-method" in headers:
            return await (await _preflight(origin, engine))(scope, receive, send)

        async def with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                allowed = scope.get("state", {}).get(ALLOWED_ORIGIN) == origin or await _allowed_anywhere(
                    origin, engine)
                if allowed:
                    answer = MutableHeaders(scope=message)
                    answer["Access-Control-Allow-Origin"] = origin
                    answer["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
                    answer.add_vary_header("Origin")
            await send(message)

        await self.app(scope, receive, with_cors)


async def _allowed_anywhere(origin: str, engine) -> bool:
    async with autocommit_connection(engine) as connection:
        return await allowed_by_any(connection, origin)


async def _preflight(origin: str, engine) -> Response:
    if not await _allowed_anywhere(origin, engine):
        return Response(status_code=403, headers={"Vary": "Origin"})
    return Response(status_code=204, headers={
        "Access-Control-Allow-Origin": origin, "Access-Control-Allow-Methods": ALLOWED_METHODS,
        "Access-Control-Allow-Headers": ALLOWED_HEADERS, "Access-Control-Max-Age": str(PREFLIGHT_MAX_AGE_S),
        "Vary": "Origin"})


def answer_browsers_per_marketplace(app: FastAPI) -> None:
    """Just inside the shared UnhandledErrors (so a failed lookup is still a problem answer), outside
    everything that reads the request: a preflight is answered before any of it."""
    position = next(index for index, entry in enumerate(app.user_middleware) if entry.cls is UnhandledErrors)
    app.user_middleware.insert(position + 1, Middleware(MarketplaceCors))
