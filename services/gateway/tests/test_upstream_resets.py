"""A service that drops a kept-alive connection fails no partner's call that is safe to send again."""

import asyncio
import socket
import struct
from collections.abc import AsyncIterator

import httpx
import pytest
from asgi_lifespan import LifespanManager

from gateway.service import service as gateway_service
from shared.http import create_app

from .conftest import OPERATOR_KEY, register_partner
from .test_proxy import calling


class ResettingService:
    """Answers the first call on each connection, keeps it alive, and resets it when a second call
    arrives on it: what a service did after an error it let escape (uvicorn closed the connection
    under its answer)."""

    def __init__(self) -> None:
        self.answered = 0
        self.reset = 0

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        calls = 0
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                           if line.lower().startswith(b"content-length:")), 0)
            await reader.readexactly(length)
            calls += 1
            if calls > 1:
                self.reset += 1
                sock = writer.get_extra_info("socket")
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # RST, not FIN
                writer.close()
                return
            self.answered += 1
            body = b'{"ok": true}'
            writer.write(b"HTTP/1.1 201 Created\r\ncontent-type: application/json\r\n"
                         b"content-length: %d\r\n\r\n%s" % (len(body), body))
            await writer.drain()


@pytest.fixture
async def resetting() -> AsyncIterator[tuple[ResettingService, str]]:
    service = ResettingService()
    server = await asyncio.start_server(service.handle, "127.0.0.1", 0)
    yield service, f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
    server.close()


@pytest.fixture
async def gateway_client(service_settings, keypair, resetting, booking, down_url) -> AsyncIterator[httpx.AsyncClient]:
    settings = await service_settings(
        gateway_service, database="gateway_resets", jwt_private_key=keypair[0], operator_key=OPERATOR_KEY,
        booking_url=booking.url, wallet_url=resetting[1], disputes_url=down_url, notifications_url=down_url)
    async with LifespanManager(create_app(gateway_service, settings)) as manager, httpx.AsyncClient(
            transport=httpx.ASGITransport(app=manager.app), base_url="http://gateway") as client:
        yield client


async def test_a_keyed_or_idempotent_call_is_sent_again_on_a_reset_connection(gateway_client, resetting, make_token):
    service, _ = resetting
    partner = await register_partner(gateway_client)
    token = make_token(marketplace_id=partner.marketplace_id)
    first = await gateway_client.post("/v1/wallet/top-ups", json={}, headers=calling(partner, token, **{
        "Idempotency-Key": "k1"}))
    assert first.status_code == 201

    keyed = await gateway_client.post("/v1/wallet/top-ups", json={}, headers=calling(partner, token, **{
        "Idempotency-Key": "k2"}))
    assert keyed.status_code == 201, keyed.text
    assert (service.reset, service.answered) == (1, 2)

    read = await gateway_client.get("/v1/wallet", headers=calling(partner, token))
    assert read.status_code == 201 and (service.reset, service.answered) == (2, 3)


async def test_a_call_without_a_key_is_not_sent_twice(gateway_client, resetting, make_token):
    service, _ = resetting
    partner = await register_partner(gateway_client)
    token = make_token(marketplace_id=partner.marketplace_id)
    assert (await gateway_client.post("/v1/wallet/top-ups", json={}, headers=calling(partner, token))).status_code \
        == 201
    unkeyed = await gateway_client.post("/v1/wallet/top-ups", json={}, headers=calling(partner, token))
    assert unkeyed.status_code == 502 and unkeyed.json()["type"] == "/problems/upstream-unavailable"
    assert (service.reset, service.answered) == (1, 1)
