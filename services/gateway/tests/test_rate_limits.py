"""Rate limits per user and per key, shared by every gateway replica (counted in Redis)."""

from contextlib import AsyncExitStack

import httpx
import pytest
from asgi_lifespan import LifespanManager

from gateway.service import service as gateway_service
from shared.http import create_app

from .conftest import OPERATOR_KEY, assert_problem, register_partner
from .test_key_scopes import mint


@pytest.fixture
async def two_gateways(service_settings, keypair, echo_url, down_url):
    """Two replicas: each its own process state and connections; the database and Redis shared."""
    settings = await service_settings(
        gateway_service, database="gateway_rate_limits", jwt_private_key=keypair[0], operator_key=OPERATOR_KEY,
        booking_url=down_url, wallet_url=down_url, disputes_url=down_url, notifications_url=echo_url,
        rate_limit_per_user="4/minute", rate_limit_per_key="10/minute")
    async with AsyncExitStack() as stack:
        clients = []
        for name in ("a", "b"):
            manager = await stack.enter_async_context(LifespanManager(create_app(gateway_service, settings)))
            clients.append(await stack.enter_async_context(httpx.AsyncClient(
                transport=httpx.ASGITransport(app=manager.app), base_url=f"http://gateway-{name}")))
        yield clients


async def test_a_users_calls_are_counted_across_replicas(two_gateways):
    a, b = two_gateways
    partner = await register_partner(a)
    alice = {"Authorization": f"Bearer {(await mint(a, partner.api_key, user_id='alice')).json()['access_token']}"}
    remaining = []
    for replica in (a, b, a, b):
        answer = await replica.post("/v1/messages", headers=alice, json={})
        assert answer.status_code == 201, answer.text
        remaining.append(int(answer.headers["ratelimit-remaining"]))
        assert answer.headers["ratelimit-limit"] == "4" and answer.headers["ratelimit-policy"] == "4;w=60"
    assert remaining == [3, 2, 1, 0]

    refused = await b.post("/v1/messages", headers=alice, json={})
    assert_problem(refused, 429, "rate-limited")
    assert int(refused.headers["retry-after"]) >= 1 and refused.headers["ratelimit-remaining"] == "0"

    bob = {"Authorization": f"Bearer {(await mint(b, partner.api_key, user_id='bob')).json()['access_token']}"}
    assert (await a.post("/v1/messages", headers=bob, json={})).status_code == 201  # bob has his own count


async def test_a_keys_calls_are_counted_for_all_its_users(two_gateways):
    a, b = two_gateways
    partner = await register_partner(a)
    # Five users' tokens and a call each: the key's ten a minute, no user near their four.
    tokens = [(await mint(a if n % 2 else b, partner.api_key, user_id=f"user-{n}")).json()["access_token"]
              for n in range(5)]
    for n, token in enumerate(tokens):
        answer = await (b if n % 2 else a).post("/v1/messages", headers={"Authorization": f"Bearer {token}"}, json={})
        assert answer.status_code == 201, answer.text
    assert_problem(await mint(a, partner.api_key, user_id="late"), 429, "rate-limited")
    refused = await b.post("/v1/messages", headers={"Authorization": f"Bearer {tokens[0]}"}, json={})
    assert_problem(refused, 429, "rate-limited")
    assert refused.headers["ratelimit-limit"] == "10"
