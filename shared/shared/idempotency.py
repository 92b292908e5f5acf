"""`Idempotency-Key` on changing requests (IETF draft semantics), kept in the service's database.

A repeat of a finished request returns the stored response and changes nothing; the same key with
another method, path or body is refused with 422; a key whose first request is still running gets
409. Keys are scoped to the caller, so two users can't collide or read each other's responses.
"""

import hashlib
import json
import uuid
from datetime import timedelta

import asyncpg
from sqlalchemy import Column, DateTime, Integer, LargeBinary, PrimaryKeyConstraint, String, Table, func
from sqlalchemy.dialects.postgresql import JSONB
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.database import autocommit_connection, plumbing_metadata
from shared.errors import problem_response
from shared.request_guard import read_body, replay_body

idempotency_table = Table(
    "idempotency_keys",
    plumbing_metadata,
    Column("scope", String(300), nullable=False),
    Column("key", String(255), nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("status_code", Integer),
    Column("headers", JSONB),
    Column("body", LargeBinary),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("completed_at", DateTime(timezone=True)),
    # "<process> <claim>": the process's connections carry its name (shared.runtime), so PostgreSQL
    # itself tells whether the process is still there.
    Column("holder", String(100)),
    PrimaryKeyConstraint("scope", "key"),
)

CHANGING_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
HEADER = b"idempotency-key"
# A first request whose process is gone frees its key at once (its transaction went with the process's
# connections). One whose process lives on but that never answered frees it after this long.
ABANDONED_AFTER = timedelta(minutes=5)
_REPLAYED_HEADERS = {"content-type", "location", "etag"}
# Answers that say "not now" or "not you" rather than "done": the same request may later succeed.
_NOT_FINAL = {401, 403, 408, 409, 425, 429}


class IdempotencyMiddleware:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in CHANGING_METHODS:
            return await self.app(scope, receive, send)
        key = dict(scope["headers"]).get(HEADER)
        if key is None:
            return await self.app(scope, receive, send)
        request = Request(scope)
        key_text = key.decode("latin-1")
        if not 1 <= len(key_text) <= 255:
            refusal = problem_response(request, 400, "invalid-idempotency-key", "Invalid Idempotency-Key",
                                       "The Idempotency-Key header must have 1 to 255 characters.")
            return await refusal(scope, receive, send)
        body = await read_body(receive)
        runtime = scope["app"].state.runtime
        caller = caller_scope(request, scope["app"])
        fingerprint = request_fingerprint(scope["method"], scope["path"], scope.get("query_string", b""), body)
        holder = f"{runtime.instance} {uuid.uuid4().hex[:16]}"
        async with autocommit_connection(runtime.engine) as conn:
            previous = await _claim(conn, caller, key_text, fingerprint, holder)
        if previous is not None:
            return await _answer_repeat(request, previous, fingerprint)(scope, receive, send)

        captured: dict = {"status": 500, "headers": [], "body": bytearray()}

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                captured["status"], captured["headers"] = message["status"], message.get("headers", [])
            elif message["type"] == "http.response.body":
                captured["body"] += message.get("body", b"")
            await send(message)

        try:
            await self.app(scope, replay_body(body, receive), capture)
        finally:
            async with autocommit_connection(runtime.engine) as conn:
                await _record_answer(conn, caller, key_text, holder, captured)


def request_fingerprint(method: str, path: str, query: bytes, body: bytes) -> str:
    """What makes two requests under one key the same request."""
    return hashlib.sha256(b"\n".join([method.encode(), path.encode(), query, body])).hexdigest()


# Each statement commits on its own: the claim must be visible to a concurrent repeat at once,
# and the answer is kept whether or not anything else happens on the connection.
_CLAIM = """
    INSERT INTO idempotency_keys (scope, key, fingerprint, holder) VALUES ($1, $2, $3, $4)
    ON CONFLICT DO NOTHING"""
# Only a key already taken may be an abandoned one: take it over rather than answer 409. Its holder
# is gone when no connection of the holder's process is left (keys of before holders: the lease).
_TAKE_OVER = """
    UPDATE idempotency_keys SET fingerprint = $3, holder = $4, created_at = now()
    WHERE scope = $1 AND key = $2 AND completed_at IS NULL
      AND (created_at < now() - $5::interval
           OR (holder IS NOT NULL AND NOT EXISTS (
               SELECT FROM pg_stat_activity WHERE application_name = split_part(holder, ' ', 1))))"""
_PREVIOUS = """
    SELECT fingerprint, status_code, headers, body, completed_at FROM idempotency_keys
    WHERE scope = $1 AND key = $2"""
# Only while the key is still this request's: one that was taken over belongs to the taker.
_FORGET = "DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND holder = $3"
_COMPLETE = """
    UPDATE idempotency_keys SET status_code = $4, headers = $5::jsonb, body = $6, completed_at = now()
    WHERE scope = $1 AND key = $2 AND holder = $3"""


async def _claim(conn: asyncpg.Connection, caller: str, key: str, fingerprint: str,
                 holder: str) -> asyncpg.Record | None:
    """None when the key is now this request's; else the earlier request's row, to answer from."""
    while True:
        if await conn.execute(_CLAIM, caller, key, fingerprint, holder) == "INSERT 0 1":
            return None
        if await conn.execute(_TAKE_OVER, caller, key, fingerprint, holder, ABANDONED_AFTER) == "UPDATE 1":
            return None
        previous = await conn.fetchrow(_PREVIOUS, caller, key)
        if previous is not None:
            return previous
        # The earlier request failed and freed its key in the meantime: try to take it again.


async def _record_answer(conn: asyncpg.Connection, caller: str, key: str, holder: str, captured: dict) -> None:
    if captured["status"] >= 500 or captured["status"] in _NOT_FINAL:
        # Nothing was done (or we can't tell): let the caller try again with the same key.
        await conn.execute(_FORGET, caller, key, holder)
        return
    headers = {k.decode(): v.decode() for k, v in captured["headers"] if k.decode() in _REPLAYED_HEADERS}
    await conn.execute(_COMPLETE, caller, key, holder, captured["status"], json.dumps(headers),
                       bytes(captured["body"]))


def caller_scope(request: Request, app) -> str:
    """Whose keys these are: the user of a valid token, else whoever holds the credentials sent."""
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        try:
            identity = app.state.token_verifier.verify(auth[7:])
            return f"user:{identity.marketplace_id}:{identity.user_id}"
        except Exception:
            pass
    secret = auth + "|" + request.headers.get("x-api-key", "") + "|" + request.headers.get("x-operator-key", "")
    return "key:" + hashlib.sha256(secret.encode()).hexdigest()


def _answer_repeat(request: Request, previous, fingerprint: str):
    if previous["fingerprint"] != fingerprint:
        return problem_response(request, 422, "idempotency-key-reused", "Idempotency-Key reused",
                                "This Idempotency-Key was used for a different request; use a new key.")
    if previous["completed_at"] is None:
        return problem_response(request, 409, "idempotency-key-in-use", "Request in progress",
                                "A request with this Idempotency-Key is still being processed; retry later.",
                                headers={"Retry-After": "1"})
    headers = {**(previous["headers"] or {}), "Idempotent-Replayed": "true"}
    media_type = headers.pop("content-type", None)
    return Response(previous["body"], status_code=previous["status_code"], headers=headers, media_type=media_type)
