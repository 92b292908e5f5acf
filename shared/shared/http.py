"""The app factory every service uses: lifespan, problem details, request ids, health, metrics."""

import asyncio
import time
import uuid
from contextlib import asynccontextmanager
from typing import Annotated

import structlog
from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.auth import TokenVerifier
from shared.context import Causation, reset_causation, set_causation
from shared.errors import UnhandledErrors, install_problem_handlers, problem_response
from shared.idempotency import IdempotencyMiddleware
from shared.observability.metrics import HTTP_REQUESTS
from shared.openapi import install_common_answers
from shared.request_guard import RequestGuard
from shared.revoked_keys import RevokedKeys
from shared.runtime import Runtime
from shared.service import Service
from shared.settings import ServiceSettings
from shared.unit_of_work import UnitOfWork

log = structlog.get_logger("http")


def create_app(service: Service, settings: ServiceSettings, runtime: Runtime | None = None) -> FastAPI:
    """The service's API. Given a runtime (the runner's), it uses it; alone, it opens its own."""

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        own = runtime is None
        app.state.runtime = runtime or Runtime(service, settings)
        await _first_read(app.state.revoked_keys, app.state.runtime)
        refreshing = asyncio.create_task(app.state.revoked_keys.keep_fresh(app.state.runtime.engine),
                                         name="revoked-keys")
        try:
            if service.lifespan is None:
                yield
            else:
                async with service.lifespan(app, settings):
                    yield
        finally:
            refreshing.cancel()
            if own:
                await app.state.runtime.close()

    app = FastAPI(title=f"{service.name} service", description=service.description, version=service.version,
                  lifespan=lifespan)
    app.state.settings = settings
    app.state.token_verifier = TokenVerifier(settings.token_keys(), settings.jwt_issuer, settings.jwt_audience)
    app.state.revoked_keys = RevokedKeys()
    install_problem_handlers(app)
    # Outermost last: the context wraps everything; unhandled errors end inside it, so their answer
    # carries the request id; the guard reads the body once, before idempotency fingerprints it.
    app.add_middleware(IdempotencyMiddleware)
    app.add_middleware(RequestGuard, max_body_bytes=settings.max_body_bytes)
    app.add_middleware(UnhandledErrors)
    app.add_middleware(RequestContextMiddleware)
    app.include_router(_operational_routes())
    for router in service.routers:
        app.include_router(router)
    if service.configure_app:
        service.configure_app(app, settings)
    install_common_answers(app)
    return app


async def _first_read(revoked: RevokedKeys, runtime: Runtime) -> None:
    # Before the first request when the database answers; a service that starts while it doesn't
    # still starts (its readiness says why), and reads the set as soon as it can.
    try:
        await revoked.refresh(runtime.engine)
    except Exception as exc:
        log.warning("revoked_keys.first_read_failed", error=type(exc).__name__)


def create_operations_app(service: Service, settings: ServiceSettings, runtime: Runtime) -> FastAPI:
    """Only /healthz, /readyz and /metrics: what a consumer or scheduler process serves, for its
    probes and scrapes, when it runs without the api role."""
    app = FastAPI(title=f"{service.name} operations", openapi_url=None, docs_url=None, redoc_url=None)
    app.state.runtime = runtime
    install_problem_handlers(app)
    app.add_middleware(UnhandledErrors)
    app.include_router(_operational_routes())
    return app


def _operational_routes() -> APIRouter:
    router = APIRouter(tags=["operations"])

    @router.get("/healthz", summary="The process is up")
    async def healthz() -> dict:
        return {"status": "ok"}

    @router.get("/readyz", summary="The database and broker are reachable", responses={503: {}})
    async def readyz(request: Request):
        checks = await request.app.state.runtime.readiness()
        if all(v == "ok" for v in checks.values()):
            return JSONResponse({"status": "ok", "checks": checks})
        failing = ", ".join(name for name, value in checks.items() if value != "ok")
        return problem_response(request, 503, "not-ready", "Not ready", f"Not reachable: {failing}.",
                                headers={"Retry-After": "5"}, checks=checks)

    @router.get("/metrics", include_in_schema=False)
    async def metrics() -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    return router


async def get_uow(request: Request):
    async with request.app.state.runtime.uow() as uow:
        yield uow


UoW = Annotated[UnitOfWork, Depends(get_uow)]


class RequestContextMiddleware:
    """Request id in and out, correlation id for the events the request causes, one access log
    line and a latency histogram per request."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope["headers"])
        request_id = headers.get(b"x-request-id", b"").decode("latin-1")[:128] or uuid.uuid4().hex
        try:
            correlation = uuid.UUID(headers.get(b"x-correlation-id", b"").decode() or request_id)
        except ValueError:
            correlation = uuid.uuid4()
        scope.setdefault("state", {})["request_id"] = request_id
        token = set_causation(Causation(correlation_id=correlation))
        structlog.contextvars.bind_contextvars(request_id=request_id)
        status = 500
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", []).append((b"x-request-id", request_id.encode()))
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - started
            route = scope.get("route")
            template = getattr(route, "path", "unmatched")
            HTTP_REQUESTS.labels(scope["method"], template, str(status)).observe(elapsed)
            if template not in ("/healthz", "/readyz", "/metrics"):
                log.info("http.request", method=scope["method"], path=scope["path"], status=status,
                         ms=round(elapsed * 1000, 1))
            structlog.contextvars.unbind_contextvars("request_id")
            reset_causation(token)
