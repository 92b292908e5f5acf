"""The disputes service in-process against the run's PostgreSQL and RabbitMQ: its API through httpx,
its real consumer on the run's exchange, and booking's and notifications' events published there as
those services publish them. One database for the suite; each test gets a marketplace of its own
(see desk.py)."""

import uuid

import aio_pika
import httpx
import pytest
from asgi_lifespan import LifespanManager

from disputes.service import service
from shared.events import Envelope
from shared.http import create_app
from shared.messaging.broker import Broker
from shared.messaging.topology import Names, declare_exchange
from shared.runtime import Runtime
from shared.testing.nodes import Node

from .desk import Desk


@pytest.fixture(scope="session")
async def disputes_settings(service_settings):
    return await service_settings(service, database="disputes_suite")


@pytest.fixture(scope="session")
async def api(disputes_settings):
    app = create_app(service, disputes_settings)
    async with LifespanManager(app) as manager, httpx.AsyncClient(
            transport=httpx.ASGITransport(app=manager.app), base_url="http://disputes") as client:
        yield client


@pytest.fixture(scope="session")
async def node(disputes_settings):
    """disputes' consumer, as `python -m disputes run --role consumer` starts it."""
    node = Node(Runtime(service, disputes_settings))
    await node.start_consumer()
    yield node
    await node.close()


@pytest.fixture(scope="session")
async def broker(infra, amqp_namespace):
    """Publishes on the run's exchange, standing in for booking and notifications."""
    broker = await Broker(infra.amqp_url, Names(amqp_namespace, "disputes-tests")).connect()
    yield broker
    await broker.close()


@pytest.fixture(scope="session")
async def published(infra, amqp_namespace, node):
    """What disputes publishes, as another service's queue bound to `disputes.#` receives it: the
    outbox relay runs, as `python -m disputes run --role scheduler` starts it."""
    await node.start_relay()
    connection = await aio_pika.connect(infra.amqp_url)
    channel = await connection.channel()
    queue = await channel.declare_queue(exclusive=True, auto_delete=True)
    await queue.bind(await declare_exchange(channel, Names(amqp_namespace, "disputes-listener")), "disputes.#")
    received: list[Envelope] = []

    async def receive(message: aio_pika.abc.AbstractIncomingMessage) -> None:
        received.append(Envelope.parse(message.body))

    await queue.consume(receive, no_ack=True)
    yield received
    await connection.close()


@pytest.fixture
def new_desk(api, node, broker, make_token):
    def make() -> Desk:
        return Desk(f"mkt-{uuid.uuid4().hex[:10]}", api, node, broker, make_token)

    return make


@pytest.fixture
def desk(new_desk) -> Desk:
    return new_desk()
