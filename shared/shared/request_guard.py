"""What every request must be before any route reads it: a body within the size limit, and no NUL
character in its path, query or JSON body.

PostgreSQL's text can't hold NUL: let through, one reached a statement and failed it with a 500.
Refusing it here names the field once for every endpoint of every service.
"""

import json
from collections.abc import Iterator
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.card_data import card_data_in_body, refuse_card_data
from shared.errors import problem_response

DEFAULT_MAX_BODY_BYTES = 1 << 20
NUL = "\x00"


class _TooLarge(Exception):
    pass


class RequestGuard:
    def __init__(self, app: ASGIApp, max_body_bytes: int = DEFAULT_MAX_BODY_BYTES):
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        request = Request(scope)
        if (field := _nul_in_url(scope)) is not None:
            return await _refuse_nul(request, field)(scope, receive, send)
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body_bytes:
            return await self._too_large(request)(scope, receive, send)
        if scope["method"] in ("GET", "HEAD", "OPTIONS", "DELETE") and declared is None \
                and "transfer-encoding" not in request.headers:
            return await self.app(scope, receive, send)  # nothing to read
        try:
            body = await self._read(receive)
        except _TooLarge:
            return await self._too_large(request)(scope, receive, send)
        # `\u0000` is the only way JSON can spell NUL (a raw NUL byte is invalid JSON and refused as
        # such): only a body holding it is parsed here to find the field.
        if b"\\u0000" in body and (field := _nul_in_json(body)) is not None:
            return await _refuse_nul(request, field)(scope, receive, send)
        if (field := card_data_in_body(body)) is not None:  # cards are tokenized, never sent to us
            return await refuse_card_data(request, field)(scope, receive, send)
        await self.app(scope, replay_body(body, receive), send)

    async def _read(self, receive: Receive) -> bytes:
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            body += message.get("body", b"")
            if len(body) > self.max_body_bytes:
                raise _TooLarge
            if not message.get("more_body"):
                break
        return bytes(body)

    def _too_large(self, request: Request):
        return problem_response(request, 413, "body-too-large", "Request body too large",
                                f"The request body may have at most {self.max_body_bytes} bytes.",
                                headers={"Connection": "close"}, max_bytes=self.max_body_bytes)


def _nul_in_url(scope: Scope) -> str | None:
    if NUL in scope["path"]:
        return "path"
    query = scope.get("query_string", b"").decode("latin-1")
    if "%00" in query or NUL in query:
        for name, value in parse_qsl(query, keep_blank_values=True):
            if NUL in name or NUL in value:
                return f"query.{name.replace(NUL, '')}"
    return None


def _nul_in_json(body: bytes) -> str | None:
    try:
        document = json.loads(body)
    except ValueError:
        return None  # the route's own parsing refuses it with its usual answer
    return next(_paths_with_nul(document, ""), None)


def _paths_with_nul(value, path: str) -> Iterator[str]:
    if isinstance(value, str):
        if NUL in value:
            yield path or "body"
    elif isinstance(value, dict):
        for key, item in value.items():
            if NUL in key:
                yield path or "body"
            yield from _paths_with_nul(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths_with_nul(item, f"{path}[{index}]")


def _refuse_nul(request: Request, field: str):
    message = "must not contain the NUL character (U+0000)"
    return problem_response(request, 422, "validation-error", "The request is not valid", f"{field}: {message}",
                            errors=[{"field": field, "message": message, "code": "nul_character"}])


async def read_body(receive: Receive) -> bytes:
    """The whole body, for a middleware that must see it before the app does."""
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(chunks)


def replay_body(body: bytes, receive_more: Receive) -> Receive:
    """A `receive` that hands the app the body a middleware read already."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive_more()  # waits for the client's disconnect, as the server would

    return receive
