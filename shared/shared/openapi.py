"""The answers every operation may give, whatever its route says, documented in every service's
OpenAPI document: errors are RFC 9457 problems, never FastAPI's own validation schema.

Some answers come from the plumbing, not from the route (the body parser, the size guard, the
idempotency middleware, the token check): they are added here from what the operation shows (a
body, a changing method, a security requirement, a path parameter, an If-Match header, a role
check), so a route documents only the answers of its own making (`responses=` on the route).
"""

from collections.abc import Iterable, Mapping

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute, iter_route_contexts

from shared.errors import PROBLEM_JSON, Problem

PROBLEM_SCHEMA = {
    "title": "Problem",
    "type": "object",
    "description": "RFC 9457 problem details; `type` is a stable slug to branch on.",
    "properties": {
        "type": {"type": "string", "examples": ["/problems/validation-error"]},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "request_id": {"type": "string"},
        "errors": {"type": "array", "description": "For a 422: each field refused and why", "items": {
            "type": "object", "properties": {"field": {"type": "string"}, "message": {"type": "string"},
                                             "code": {"type": "string"}}}},
    },
    "required": ["type", "title", "status", "detail"],
}
PROBLEM_CONTENT = {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}
RETRY_AFTER = {"Retry-After": {"description": "Seconds to wait before trying again", "schema": {"type": "integer"}}}

CHANGING_METHODS = ("post", "put", "patch", "delete")
IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": (
        "Makes the request safe to repeat (e.g. a UUID, 1 to 255 characters). A repeat with the same key gets "
        "the first answer again (with `Idempotent-Replayed: true`) and changes nothing more; the same key with "
        "another method, path or body is refused with 422 (`idempotency-key-reused`); while the first request "
        "with the key is still running, a repeat gets 409 (`idempotency-key-in-use`) with `Retry-After`. A key "
        "belongs to its caller and to one operation."),
    "schema": {"type": "string", "minLength": 1, "maxLength": 255},
    "example": "6f1c1a52-8a0e-4f43-9d2b-2f6f0d7c3e11",
}
REPLAYED = {"Idempotent-Replayed": {
    "description": "`true` when this is the stored answer to an earlier request with the same Idempotency-Key",
    "schema": {"type": "string", "enum": ["true"]}}}

# Why the plumbing gives each answer; a route's own reasons for the same status come first.
EVERY_OPERATION = {
    422: "A field is not valid (named in `errors`); nothing was changed",
    500: "An error of ours; it has been logged",
    503: "A store the service needs can't be reached; retry later",
}
WITH_BODY = {
    400: "The body is not JSON (or not UTF-8)",
    413: "The request body is over the size limit",
}
WITH_IDEMPOTENCY_KEY = {
    400: "The Idempotency-Key header is empty or longer than 255 characters",
    409: "A request with this Idempotency-Key is still in progress; retry after `Retry-After` seconds",
    422: "The Idempotency-Key was used for another request (another operation, or another body)",
}
# Two requests that change the same rows at the same moment: one of them is refused, nothing done.
WITH_CHANGE = {409: "Another request changed the same data at the same moment; nothing was done: retry"}
WITH_SECURITY = {401: "The credentials are missing, not valid or expired"}
WITH_ROLE_CHECK = {403: "The caller's role may not do this"}
WITH_PATH_PARAMETER = {404: "Nothing with this id is visible to the caller"}
WITH_IF_MATCH = {412: "`If-Match` names a version the resource is no longer at: read it again"}
HEADERS_OF = {409: RETRY_AFTER, 429: RETRY_AFTER, 503: RETRY_AFTER}

# FastAPI's own descriptions, said better by ours.
_GENERIC_DESCRIPTIONS = {"Validation Error", "Service Unavailable", "Unprocessable Content"}


def document_common_answers(document: dict, role_checked: Iterable[tuple[str, str]] = ()) -> dict:
    """The document with the common answers added to each operation (in place, and returned).
    `role_checked`: the (path, method) of operations whose dependencies check the caller's role."""
    role_checked = set(role_checked)
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    schemas["Problem"] = PROBLEM_SCHEMA
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    for path, item in document.get("paths", {}).items():
        for method, operation in item.items():
            if isinstance(operation, dict) and "responses" in operation:
                _document_operation(operation, method, (path, method) in role_checked)
    return document


def _document_operation(operation: dict, method: str, role_checked: bool) -> None:
    answers = operation["responses"]
    parameters = operation.get("parameters", [])
    plumbing = [EVERY_OPERATION,
                WITH_BODY if "requestBody" in operation else {},
                WITH_SECURITY if operation.get("security") else {},
                WITH_ROLE_CHECK if role_checked else {},
                WITH_PATH_PARAMETER if any(p.get("in") == "path" for p in parameters) else {},
                WITH_IF_MATCH if any(p.get("name", "").lower() == "if-match" for p in parameters) else {}]
    if method in CHANGING_METHODS:
        _declare_idempotency_key(operation)
        plumbing += [WITH_IDEMPOTENCY_KEY, WITH_CHANGE]
        for status, answer in answers.items():
            if status.startswith("2"):
                answer.setdefault("headers", {}).update(REPLAYED)
    reasons: dict[int, list[str]] = {}
    for more in plumbing:
        for status, reason in more.items():
            reasons.setdefault(status, []).append(reason)
    add_answers(answers, reasons)


def add_answers(answers: dict, reasons: Mapping[int, Iterable[str]]) -> None:
    """Each status documented as a problem, its reasons listed after any the operation gives itself."""
    for status, why in sorted(reasons.items()):
        answer = answers.setdefault(str(status), {})
        own = answer.get("description")
        own = [line.removeprefix("- ") for line in own.split("\n")] if own and own not in _GENERIC_DESCRIPTIONS else []
        items = list(dict.fromkeys([*own, *why]))
        answer["description"] = items[0] if len(items) == 1 else "\n".join(f"- {item}" for item in items)
        # The plumbing's answers are problems whatever FastAPI put there (its 422 schema).
        answer["content"] = PROBLEM_CONTENT
        if status in HEADERS_OF:
            answer.setdefault("headers", {}).update(HEADERS_OF[status])
    for status, answer in answers.items():
        # A route's own error answer is a problem too, unless the route says otherwise.
        if status[0] in "45":
            answer.setdefault("content", PROBLEM_CONTENT)


def _declare_idempotency_key(operation: dict) -> None:
    """The header the idempotency middleware reads, declared once (a route may declare it itself)."""
    parameters = operation.setdefault("parameters", [])
    own = [p for p in parameters if p.get("in") == "header" and p.get("name", "").lower() == "idempotency-key"]
    parameters[:] = [p for p in parameters if p not in own]
    parameters.append({**IDEMPOTENCY_KEY, "required": any(p.get("required") for p in own)})


def problem_answers(*problems: type[Problem] | tuple[int, str]) -> dict[int, dict]:
    """`responses=` of a route: the problems it raises itself, by status, each named by its slug. A
    problem raised as a base class with a slug of its own is given as (status, description)."""
    reasons: dict[int, list[str]] = {}
    for problem in problems:
        if not isinstance(problem, tuple):
            problem = (problem.status, f"`{problem.slug}`: {problem.title}")
        status, reason = problem
        reasons.setdefault(status, []).append(reason)
    return {status: {"description": why[0] if len(why) == 1 else "\n".join(f"- {item}" for item in why)}
            for status, why in reasons.items()}


def role_checked_operations(routes) -> set[tuple[str, str]]:
    """The (path, method) of routes with a role check among their dependencies: shared.auth's
    require_role makes them (a 403 for any other role)."""
    checked = set()
    # Each route as the app serves it (an included router's prefix and dependencies applied).
    for route in iter_route_contexts(routes):
        if isinstance(route.original_route, APIRoute) and _checks_role(route.dependant):
            checked |= {(route.path_format, method.lower()) for method in route.methods}
    return checked


def _checks_role(dependant) -> bool:
    return any(getattr(d.call, "__qualname__", "").startswith("require_role.") or _checks_role(d)
               for d in dependant.dependencies)


def install_common_answers(app: FastAPI) -> None:
    def openapi() -> dict:
        if app.openapi_schema is None:
            document = get_openapi(title=app.title, version=app.version, description=app.description,
                                   routes=app.routes, tags=app.openapi_tags)
            app.openapi_schema = document_common_answers(document, role_checked_operations(app.routes))
        return app.openapi_schema

    app.openapi = openapi
