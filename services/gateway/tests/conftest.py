"""The gateway in-process, the booking service served for real on a free port, and stand-ins for
services that are down (nothing listening), hung (accepts, never answers) or that echo the call
they received (notifications' place)."""

import asyncio
import contextlib
import json
import socket
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi import FastAPI
from starlette.types import ASGIApp, Receive, Scope, Send

from booking.service import service as booking_service
from gateway.service import service as gateway_service
from shared.http import create_app
from shared.testing.serving import serving

OPERATOR_KEY = "operator-key-of-the-tests"
OPERATOR = {"X-Operator-Key": OPERATOR_KEY}
PROBLEM_JSON = "application/problem+json"


@contextlib.asynccontextmanager
async def served(app: ASGIApp) -> AsyncIterator[str]:
    async with serving(app, lifespan="on") as url:
        yield url


@dataclass
class Booking:
    app: FastAPI
    url: str


@pytest.fixture(scope="session")
async def booking(service_settings) -> AsyncIterator[Booking]:
    app = create_app(booking_service, await service_settings(booking_service))
    async with served(app) as url:
        yield Booking(app, url)


@pytest.fixture(scope="session")
def down_url() -> str:
    with socket.socket() as sock:  # a port that was free a moment ago: nothing listens there
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


@pytest.fixture(scope="session")
async def hung_url() -> AsyncIterator[str]:
    async def never_answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read()  # until the gateway gives up and hangs up
        writer.close()

    server = await asyncio.start_server(never_answer, "127.0.0.1", 0)
    yield f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
    server.close()


EVENTS = [b"event: alert\ndata: 1\n\n", b"event: alert\ndata: 2\n\n", b": ping\n\n"]


async def echo(scope: Scope, receive: Receive, send: Send) -> None:
    """Answers a call with what it received, as JSON; /v1/stream with a few events, sent apart and
    unsized like a live event stream; /v1/alerts/none with 204; anything else (its /openapi.json) 404."""
    if scope["type"] == "lifespan":
        while (await receive())["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})
        await send({"type": "lifespan.shutdown.complete"})
        return
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body"):
            break
    path = scope["path"]
    if path == "/v1/stream":
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"text/event-stream"), (b"x-not-returned", b"1")]})
        for event in EVENTS:
            await send({"type": "http.response.body", "body": event, "more_body": True})
            await asyncio.sleep(0.01)
        await send({"type": "http.response.body", "body": b""})
        return
    if path == "/v1/alerts/none":
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})
        return
    if not path.startswith("/v1/"):
        await send({"type": "http.response.start", "status": 404, "headers": [(b"content-length", b"0")]})
        await send({"type": "http.response.body", "body": b""})
        return
    seen = json.dumps({
        "method": scope["method"], "raw_path": scope["raw_path"].decode(), "query": scope["query_string"].decode(),
        "headers": {name.decode(): value.decode() for name, value in scope["headers"]}, "body": body.decode(),
    }).encode()
    await send({"type": "http.response.start", "status": 201, "headers": [
        (b"content-type", b"application/json"), (b"location", b"/v1/messages/m1"), (b"etag", b'"7"'),
        (b"set-cookie", b"a=b"), (b"content-length", str(len(seen)).encode())]})
    await send({"type": "http.response.body", "body": seen})


@pytest.fixture(scope="session")
async def echo_url() -> AsyncIterator[str]:
    async with served(echo) as url:
        yield url


@dataclass
class Gateway:
    app: FastAPI
    client: httpx.AsyncClient


@pytest.fixture(scope="session")
async def gateway(service_settings, keypair, booking, down_url, hung_url, echo_url) -> AsyncIterator[Gateway]:
    settings = await service_settings(
        gateway_service, jwt_private_key=keypair[0], operator_key=OPERATOR_KEY, booking_url=booking.url,
        wallet_url=down_url, disputes_url=hung_url, notifications_url=echo_url, upstream_timeout_s=1.5)
    app = create_app(gateway_service, settings)
    async with LifespanManager(app) as manager, httpx.AsyncClient(
            transport=httpx.ASGITransport(app=manager.app), base_url="http://gateway") as client:
        yield Gateway(app, client)


@pytest.fixture
def client(gateway) -> httpx.AsyncClient:
    return gateway.client


@dataclass
class Partner:
    marketplace_id: str
    api_key: str
    key_id: str


async def register_partner(client: httpx.AsyncClient) -> Partner:
    marketplace_id = f"mkt-{uuid.uuid4().hex[:10]}"
    created = await client.post("/v1/admin/marketplaces", headers=OPERATOR, json={
        "id": marketplace_id, "name": "Test coaching", "policy_preset": "coaching"})
    assert created.status_code == 201, created.text
    key = await client.post(f"/v1/admin/marketplaces/{marketplace_id}/api-keys", headers=OPERATOR)
    assert key.status_code == 201, key.text
    return Partner(marketplace_id, key.json()["key"], key.json()["id"])


@pytest.fixture
async def partner(client) -> Partner:
    return await register_partner(client)


def assert_problem(response: httpx.Response, status: int, slug: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM_JSON)
    problem = response.json()
    assert problem["type"] == f"/problems/{slug}", problem
    assert problem["status"] == status
    return problem
