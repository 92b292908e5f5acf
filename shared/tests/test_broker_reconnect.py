"""The broker connection drops and comes back: publishing and consuming resume without a restart,
the queue has its consumer again, and nothing written to the outbox meanwhile is lost."""

import asyncio

import aio_pika
import pytest

from shared.events import ProbeRecorded
from shared.testing.nodes import eventually
from shared.testing.proxy import line_to


@pytest.fixture
async def broker_line(infra):
    async with line_to(infra.amqp_url, 5672) as proxy:
        yield proxy


async def _consumers_on(amqp_url: str, queue: str) -> int:
    connection = await aio_pika.connect(amqp_url)
    try:
        channel = await connection.channel()
        declared = await channel.declare_queue(queue, passive=True)
        return declared.declaration_result.consumer_count
    finally:
        await connection.close()


async def test_publishing_and_consuming_resume_after_the_connection_drops(make_node, broker_line, infra):
    through_proxy = broker_line.url_for(infra.amqp_url)
    producer = await make_node("producer", amqp_url=through_proxy)
    consumer = await make_node("consumer", amqp_url=through_proxy)
    await consumer.start_consumer()
    await producer.start_relay()
    queue = consumer.runtime.names.work_queue

    async def emit(probe_id: str) -> None:
        async with producer.runtime.uow() as uow:
            uow.emit(ProbeRecorded(probe_id=probe_id), marketplace="mkt-a")
            await uow.commit()

    await emit("before")
    await eventually(lambda: consumer.effects("before"))

    broker_line.cut()
    await eventually(lambda: _disconnected(producer, consumer))
    await emit("during")  # committed while the broker is out of reach
    await asyncio.sleep(1.5)  # the relay tries, fails, and keeps the row
    assert await producer.unpublished() == 1
    assert await _consumers_on(infra.amqp_url, queue) == 0

    broker_line.mend()
    await eventually(lambda: consumer.effects("during"), timeout=20)
    await emit("after")
    await eventually(lambda: consumer.effects("after"), timeout=10)
    assert await _consumers_on(infra.amqp_url, queue) == 1
    for probe_id in ("before", "during", "after"):
        assert await consumer.effects(probe_id) == 1
    assert await producer.unpublished() == 0


async def _disconnected(*nodes) -> bool:
    return all(not node.runtime.broker.is_connected for node in nodes)
