"""Idempotency-Key at the gateway only for the gateway's own changes.

The key of a routed call belongs to the service that makes the change: it keeps the key with the
change in its own database and answers repeats itself. Keeping the key here too would write every
change twice and replay the gateway's own refusals, e.g. a 401 for a revoked API key, after the
partner has fixed the key.
"""

from fastapi import FastAPI
from starlette.middleware import Middleware
from starlette.types import Receive, Scope, Send

from gateway.proxy.routes import service_for
from shared.idempotency import IdempotencyMiddleware


class OwnRoutesIdempotency(IdempotencyMiddleware):
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and service_for(scope["path"]) is not None:
            return await self.app(scope, receive, send)
        await super().__call__(scope, receive, send)


def keep_idempotency_to_own_routes(app: FastAPI) -> None:
    """Swap the shared middleware create_app installed for this one (before the app first runs)."""
    app.user_middleware = [Middleware(OwnRoutesIdempotency) if entry.cls is IdempotencyMiddleware else entry
                           for entry in app.user_middleware]
