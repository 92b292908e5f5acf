"""The booking service in-process against the run's PostgreSQL and RabbitMQ: its API through httpx,
its real consumer on the run's exchange, and events published there as the gateway and the wallet
would. One database for the suite; each test gets marketplaces of its own (see market.py)."""

import uuid

import httpx
import pytest
from asgi_lifespan import LifespanManager

from booking.service import service
from shared.http import create_app
from shared.messaging.broker import Broker
from shared.messaging.topology import Names
from shared.runtime import Runtime
from shared.testing.nodes import Node

from .clock import FrozenClock
from .market import Market


@pytest.fixture(scope="session")
async def booking_settings(service_settings):
    # A database name of its own: other suites of the run start a booking service too.
    return await service_settings(service, database="booking_suite")


@pytest.fixture(scope="session")
async def api(booking_settings):
    app = create_app(service, booking_settings)
    async with LifespanManager(app) as manager, httpx.AsyncClient(
            transport=httpx.ASGITransport(app=manager.app), base_url="http://booking") as client:
        yield client


@pytest.fixture(scope="session")
async def node(booking_settings):
    """booking's consumer, as `python -m booking run --role consumer` starts it."""
    node = Node(Runtime(service, booking_settings))
    await node.start_consumer()
    yield node
    await node.close()


@pytest.fixture(scope="session")
async def broker(infra, amqp_namespace):
    """Publishes on the run's exchange, standing in for the gateway and the wallet."""
    broker = await Broker(infra.amqp_url, Names(amqp_namespace, "booking-tests")).connect()
    yield broker
    await broker.close()


@pytest.fixture
def new_market(api, node, broker, make_token):
    async def make(preset: str = "lessons", currencies: list[str] | None = None, **overrides) -> Market:
        market = Market(f"mkt-{uuid.uuid4().hex[:10]}", api, node, broker, make_token)
        await market.register(preset, overrides, currencies)
        return market

    return make


@pytest.fixture
async def market(new_market) -> Market:
    return await new_market()


@pytest.fixture
def clock(monkeypatch) -> FrozenClock:
    return FrozenClock(monkeypatch)
