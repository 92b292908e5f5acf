"""Token keys rotate without downtime: the gateway publishes its keys as a JWKS, every token names its
key, and a service that knows only the JWKS URL picks up a new key without a restart, while tokens of
the previous key keep working."""

import socket

import httpx
import pytest
from asgi_lifespan import LifespanManager

from gateway.service import service as gateway_service
from shared.auth import Role, TokenIssuer, generate_keypair
from shared.http import create_app
from shared.testing.probe import probe_service
from shared.testing.serving import serving

from .conftest import OPERATOR_KEY


@pytest.fixture
def gateway_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def gateway_app(service_settings, name: str, private: str, public: str, previous: str = ""):
    settings = await service_settings(gateway_service, database=name, jwt_private_key=private,
                                      jwt_public_key=public, jwt_previous_public_keys=previous,
                                      operator_key=OPERATOR_KEY)
    return create_app(gateway_service, settings)


async def test_a_service_follows_the_gateways_key_rotation(service_settings, gateway_port):
    old_private, old_public = generate_keypair()
    new_private, new_public = generate_keypair()
    base = f"http://127.0.0.1:{gateway_port}"
    service = probe_service("probe-rotation")
    settings = await service_settings(service, jwt_public_key="", jwks_url=f"{base}/.well-known/jwks.json")
    probe = create_app(service, settings)

    before = await gateway_app(service_settings, "gateway_rotation_old", old_private, old_public)
    async with LifespanManager(probe) as manager, httpx.AsyncClient(
            transport=httpx.ASGITransport(app=manager.app), base_url="http://probe") as client:
        probe.state.token_verifier.keys.refetch_every_s = 0  # a second rotation within the test's seconds

        def call(token: str):
            return client.get("/v1/probes/p", headers={"Authorization": f"Bearer {token}"})

        async with serving(before, lifespan="on", port=gateway_port):
            async with httpx.AsyncClient() as outside:
                published = (await outside.get(f"{base}/.well-known/jwks.json")).json()["keys"]
            old_token, _ = before.state.token_issuer.issue("stu-1", Role.STUDENT, "mkt-a")
            assert [key["kid"] for key in published] == [before.state.token_issuer.key_id]
            assert (await call(old_token)).status_code == 200

        # The gateway restarts signing with a new key; the old one is still published.
        after = await gateway_app(service_settings, "gateway_rotation_new", new_private, new_public, old_public)
        async with serving(after, lifespan="on", port=gateway_port):
            new_token, _ = after.state.token_issuer.issue("stu-1", Role.STUDENT, "mkt-a")
            assert (await call(new_token)).status_code == 200, (await call(new_token)).text
            assert (await call(old_token)).status_code == 200

            # A key the gateway never published: refused, after one more look at the JWKS.
            forged, _ = TokenIssuer(generate_keypair()[0], "lessons-gateway", "lessons-api").issue(
                "stu-1", Role.STAFF, "mkt-a")
            refused = await call(forged)
            assert refused.status_code == 401 and refused.json()["type"] == "/problems/invalid-token"

