"""The gateway in-process, the booking service served for real on a free port, and two stand-ins
for services that are down (nothing listening) or hung (accepts, never answers)."""

import asyncio
import contextlib
import socket
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest
import uvicorn
from asgi_lifespan import LifespanManager
from fastapi import FastAPI

from booking.service import service as booking_service
from gateway.service import service as gateway_service
from shared.http import create_app

OPERATOR_KEY = "operator-key-of-the-tests"
OPERATOR = {"X-Operator-Key": OPERATOR_KEY}
PROBLEM_JSON = "application/problem+json"


class _QuietServer(uvicorn.Server):
    """uvicorn inside the test loop, leaving pytest's signal handlers alone."""

    def capture_signals(self):
        return contextlib.nullcontext()


@contextlib.asynccontextmanager
async def served(app: FastAPI) -> AsyncIterator[str]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = _QuietServer(uvicorn.Config(app, log_config=None, access_log=False, lifespan="on"))
    task = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started:
        if task.done():
            task.result()  # raises what stopped the server
        await asyncio.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        await task
        sock.close()


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


@dataclass
class Gateway:
    app: FastAPI
    client: httpx.AsyncClient


@pytest.fixture(scope="session")
async def gateway(service_settings, keypair, booking, down_url, hung_url) -> AsyncIterator[Gateway]:
    settings = await service_settings(
        gateway_service, jwt_private_key=keypair[0], operator_key=OPERATOR_KEY, booking_url=booking.url,
        wallet_url=down_url, disputes_url=hung_url, notifications_url=down_url, upstream_timeout_s=1.5)
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
