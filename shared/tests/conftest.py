from uuid import uuid4

import pytest

from shared.runtime import Runtime
from shared.testing.nodes import Node
from shared.testing.probe import behaviour, probe_service


@pytest.fixture
async def make_node(service_settings):
    nodes: list[Node] = []
    suffix = uuid4().hex[:6]

    async def make(role: str, *, amqp_url: str | None = None, database_url: str | None = None, **overrides) -> Node:
        service = probe_service(f"probe-{role}-{suffix}", with_handlers=(role == "consumer"))
        settings = await service_settings(service, **overrides)
        if amqp_url:
            settings.amqp_url = amqp_url
        if database_url:
            settings.database_url = database_url
        node = Node(Runtime(service, settings))
        nodes.append(node)
        return node

    yield make
    for node in nodes:
        await node.close()


@pytest.fixture(autouse=True)
def fresh_behaviour():
    behaviour.attempts.clear()
    behaviour.always_fail.clear()
    behaviour.gate = None
    behaviour.route_error = None
    yield


