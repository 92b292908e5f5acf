"""RFC 9457 problem details for every error a service or the gateway returns."""

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.database import is_concurrent_change, is_database_unreachable

log = structlog.get_logger(__name__)

PROBLEM_JSON = "application/problem+json"


class Problem(Exception):
    """An error the caller can act on. `type` is a stable slug partners can branch on."""

    status = 400
    slug = "bad-request"
    title = "Bad request"

    def __init__(self, detail: str, *, slug: str | None = None, title: str | None = None,
                 status: int | None = None, headers: dict[str, str] | None = None, **extensions):
        super().__init__(detail)
        self.detail = detail
        self.slug = slug or self.slug
        self.title = title or self.title
        self.status = status or self.status
        self.headers = headers
        self.extensions = extensions


class Unauthorized(Problem):
    status, slug, title = 401, "unauthorized", "Authentication required"


class Forbidden(Problem):
    status, slug, title = 403, "forbidden", "Not allowed"


class NotFound(Problem):
    status, slug, title = 404, "not-found", "Not found"


class Conflict(Problem):
    status, slug, title = 409, "conflict", "Conflict with the current state"


class Unprocessable(Problem):
    status, slug, title = 422, "validation-error", "The request is not valid"


def problem_response(request: Request, status: int, slug: str, title: str, detail: str,
                     headers: dict[str, str] | None = None, **extensions) -> JSONResponse:
    body = {
        "type": f"/problems/{slug}",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
        **extensions,
    }
    request_id = getattr(request.state, "request_id", None)
    if request_id:
        body["request_id"] = request_id
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _field(loc: tuple) -> str:
    # ("body", "price", 0) -> "price[0]"; keep "query."/"header." so the caller knows where to look.
    parts = [str(p) for p in loc]
    if parts and parts[0] == "body":
        parts = parts[1:]
    name = ""
    for part in parts:
        name += f"[{part}]" if part.isdigit() else (f".{part}" if name else part)
    return name or "body"


def validation_errors(errors) -> list[dict]:
    return [{"field": _field(e["loc"]), "message": e["msg"], "code": e["type"]} for e in errors]


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def _problem(request: Request, exc: Problem):
        return problem_response(request, exc.status, exc.slug, exc.title, exc.detail, exc.headers, **exc.extensions)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        errors = validation_errors(exc.errors())
        detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
        return problem_response(request, 422, "validation-error", "The request is not valid", detail, errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        title = {404: "Not found", 405: "Method not allowed"}.get(exc.status_code, "HTTP error")
        slug = title.lower().replace(" ", "-")
        return problem_response(request, exc.status_code, slug, title, str(exc.detail), exc.headers)


# While the database can't be reached a request can't be served, but the same request will be once
# it is back: that is a 503 with a hint when to retry, not a 500.
UNAVAILABLE_RETRY_AFTER_S = 5


class UnhandledErrors:
    """The last answer to an exception nothing else handled: a problem response, and the exception
    ends here. Raised further (as Starlette's ServerErrorMiddleware does after answering), uvicorn
    closes the connection under the answer it just sent, and the caller's next request on that
    kept-alive connection (the gateway's, maybe another user's) fails with a reset."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception as exc:
            request = Request(scope)
            if is_concurrent_change(exc):
                # A race the route did not foresee (two first saves of one row): nothing was changed.
                log.warning("http.concurrent_change", path=request.url.path, error=repr(exc))
                answer = problem_response(
                    request, 409, "concurrent-change", "Changed concurrently",
                    "Another request changed the same data at the same moment; nothing was done. Retry.",
                    headers={"Retry-After": "1"})
            elif is_database_unreachable(exc):
                log.warning("http.database_unreachable", path=request.url.path, error=type(exc).__name__)
                answer = problem_response(
                    request, 503, "service-unavailable", "Service unavailable",
                    "A store this request needs cannot be reached right now; retry later.",
                    headers={"Retry-After": str(UNAVAILABLE_RETRY_AFTER_S)})
            else:
                log.exception("http.unhandled_error", path=request.url.path)
                answer = problem_response(request, 500, "internal-error", "Internal error",
                                          "The server failed to handle the request; it has been logged.")
            if not started:  # else the answer is under way: nothing can be said any more
                await answer(scope, receive, send)
