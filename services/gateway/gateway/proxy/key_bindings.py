"""An Idempotency-Key of a routed call stays with the operation it was first used for.

Each service keeps the keys of its own changes and refuses a key reused on another of its
operations; a key reused on another service's operation would reach a database that never saw it,
and make a second change. The gateway sees every routed call, so it remembers which operation
(method and path) each caller's key went to, and refuses it anywhere else.
"""

import asyncpg
from sqlalchemy import Column, DateTime, PrimaryKeyConstraint, String, Table, func
from starlette.requests import Request

from gateway.db import Base
from shared.errors import Unprocessable
from shared.idempotency import CHANGING_METHODS, caller_scope

key_bindings_table = Table(
    "routed_idempotency_keys",
    Base.metadata,
    Column("scope", String(300), nullable=False),
    Column("key", String(255), nullable=False),
    Column("operation", String(2100), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now(), index=True),
    PrimaryKeyConstraint("scope", "key"),
)

# The binding is one statement: the first call binds the key, any later one reads what it is bound to.
_BIND = """
    WITH bound AS (
        INSERT INTO routed_idempotency_keys (scope, key, operation) VALUES ($1, $2, $3)
        ON CONFLICT (scope, key) DO NOTHING RETURNING operation)
    SELECT operation FROM bound UNION ALL
    SELECT operation FROM routed_idempotency_keys WHERE scope = $1 AND key = $2"""


async def bind_key_to_operation(connection: asyncpg.Connection, request: Request) -> None:
    key = request.headers.get("idempotency-key")
    if key is None or request.method not in CHANGING_METHODS or not 1 <= len(key) <= 255:
        return  # a malformed key is the service's to refuse, with its usual answer
    operation = f"{request.method} {request.url.path}"[:2100]
    scope = caller_scope(request, request.app)
    bound = None
    while bound is None:  # None: a concurrent first call bound it after this statement began
        bound = await connection.fetchval(_BIND, scope, key, operation)
    if bound != operation:
        raise Unprocessable(
            f"This Idempotency-Key was used for another operation ({bound.split(' ', 1)[0]} "
            f"{bound.split(' ', 1)[1]}); a key belongs to one operation: use a new key.",
            slug="idempotency-key-reused", title="Idempotency-Key reused")
