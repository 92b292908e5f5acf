"""The answers every operation may give, whatever its route says, documented in every service's
OpenAPI document: errors are RFC 9457 problems, never FastAPI's own validation schema."""

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from shared.errors import PROBLEM_JSON

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
_RETRY_AFTER = {"Retry-After": {"description": "Seconds to wait before trying again", "schema": {"type": "integer"}}}

COMMON_ANSWERS = {
    "422": {"description": "A field is not valid (named in `errors`); nothing was changed", "content": PROBLEM_CONTENT},
    "500": {"description": "An error of ours; it has been logged", "content": PROBLEM_CONTENT},
    "503": {"description": "A store the service needs can't be reached; retry later", "content": PROBLEM_CONTENT,
            "headers": _RETRY_AFTER},
}
WITH_BODY = {"413": {"description": "The request body is over the size limit", "content": PROBLEM_CONTENT}}


def document_common_answers(document: dict) -> dict:
    """The document with the common answers added to each operation (in place, and returned)."""
    document.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    for name in ("HTTPValidationError", "ValidationError"):
        document["components"]["schemas"].pop(name, None)
    for item in document.get("paths", {}).values():
        for operation in item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            answers = operation["responses"]
            for status, answer in {**COMMON_ANSWERS, **(WITH_BODY if "requestBody" in operation else {})}.items():
                answers[status] = {**answer, "description": answers.get(status, {}).get("description")
                                   or answer["description"]}
            for status, answer in answers.items():
                if status[0] in "45" and "content" not in answer:
                    answer["content"] = PROBLEM_CONTENT
    return document


def install_common_answers(app: FastAPI) -> None:
    def openapi() -> dict:
        if app.openapi_schema is None:
            app.openapi_schema = document_common_answers(get_openapi(
                title=app.title, version=app.version, description=app.description, routes=app.routes))
        return app.openapi_schema

    app.openapi = openapi
