"""The notifications service in-process against the run's PostgreSQL and RabbitMQ: its API through
httpx, its real consumer, outbox relay and timer scheduler running as the `run` command starts
them, a real SMTP server, a Discord stand-in and a partner backend over real HTTP. One database for
the suite; each test gets a marketplace of its own (see community.py)."""

import asyncio
import uuid

import httpx
import pytest
from asgi_lifespan import LifespanManager

from notifications import config
from notifications.service import service
from notifications.webhooks import destinations
from shared.http import create_app
from shared.messaging.broker import Broker
from shared.messaging.topology import Names
from shared.runtime import Runtime
from shared.scheduler import TimerScheduler
from shared.testing.nodes import Node

from .community import Community
from .discord_standin import DiscordStandIn
from .dns_standin import DnsStandIn
from .mailbox import Mailbox, start_smtp_server
from .partner_backend import PartnerBackend
from .servers import serving

# Short enough for a suite that runs in seconds; the shapes (retries, delays) are production's.
FAST = {
    "delivery_retry_delays_s": [0.2, 0.4],
    "webhook_retry_delays_s": [0.2, 0.4],
    "unread_chat_forward_delay_s": 0.6,
    "send_timeout_s": 3,
    "stream_poll_interval_s": 0.05,
    # The partner backend stand-in listens on 127.0.0.1: opt in to loopback (and plain http) endpoints,
    # as development does. Production leaves it off; `webhooks_allow_local` turns it off for a test.
    "webhooks_allow_http_localhost": True,
}


@pytest.fixture(scope="session")
def mailbox():
    box = Mailbox()
    controller = start_smtp_server(box)
    box.port = controller.port
    yield box
    controller.stop()


@pytest.fixture(scope="session")
async def discord():
    standin = DiscordStandIn()
    async with serving(standin.app) as url:
        standin.base_url = f"{url}/api/webhooks"
        yield standin


@pytest.fixture(scope="session")
async def partner():
    backend = PartnerBackend()
    async with serving(backend.app) as url:
        backend.base_url = url
        yield backend


@pytest.fixture(scope="session")
async def settings(service_settings, mailbox, discord):
    settings = await service_settings(service, database="notifications_suite", smtp_port=mailbox.port,
                                      discord_webhook_bases=[discord.base_url], **FAST)
    config.install(settings)
    return settings


@pytest.fixture(scope="session")
async def api(settings):
    app = create_app(service, settings)
    async with LifespanManager(app) as manager, httpx.AsyncClient(
            transport=httpx.ASGITransport(app=manager.app), base_url="http://notifications") as client:
        yield client


@pytest.fixture(scope="session")
async def node(settings):
    """The consumer, the outbox relay and the timer scheduler, as `python -m notifications run` starts them."""
    node = Node(Runtime(service, settings))
    await node.start_consumer()
    await node.start_relay()
    scheduler = TimerScheduler(service.timers, node.runtime.uow, settings.timer_poll_interval_s)
    node.tasks.append(asyncio.create_task(scheduler.run()))
    yield node
    await node.close()


@pytest.fixture(scope="session")
async def broker(infra, amqp_namespace):
    """Publishes on the run's exchange, standing in for booking, the wallet and the gateway."""
    broker = await Broker(infra.amqp_url, Names(amqp_namespace, "notifications-tests")).connect()
    yield broker
    await broker.close()


@pytest.fixture
def webhooks_allow_local(settings):
    """Sets `webhooks_allow_http_localhost` for the API and the scheduler until the test ends:
    `webhooks_allow_local(False)` is production's setting."""

    def use(allowed: bool) -> None:
        config.install(settings.model_copy(update={"webhooks_allow_http_localhost": allowed}))

    yield use
    config.install(settings)


@pytest.fixture
def dns():
    """Partner webhooks resolve names through a stand-in the test points (see dns_standin.py)."""
    standin = DnsStandIn()
    destinations.install_resolver(standin.resolve)
    yield standin
    destinations.install_resolver(None)


@pytest.fixture
def community(api, node, broker, make_token, mailbox, discord, partner) -> Community:
    return Community(f"mkt-{uuid.uuid4().hex[:10]}", api, node, broker, make_token, mailbox, discord, partner)


@pytest.fixture
def other_community(api, node, broker, make_token, mailbox, discord, partner) -> Community:
    return Community(f"mkt-{uuid.uuid4().hex[:10]}", api, node, broker, make_token, mailbox, discord, partner)
