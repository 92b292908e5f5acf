"""Names and declaration of the exchange and queues. Declared on every (re)connect; idempotent."""

from dataclasses import dataclass

import aio_pika
from aio_pika.abc import AbstractChannel, AbstractExchange, AbstractQueue


@dataclass(frozen=True)
class Names:
    namespace: str
    service: str

    @property
    def exchange(self) -> str:
        return f"{self.namespace}.events"

    @property
    def work_queue(self) -> str:
        return f"{self.namespace}.{self.service}"

    @property
    def dead_queue(self) -> str:
        return f"{self.namespace}.{self.service}.dead"

    def retry_queue(self, attempt: int) -> str:
        return f"{self.namespace}.{self.service}.retry.{attempt}"


async def declare_exchange(channel: AbstractChannel, names: Names) -> AbstractExchange:
    return await channel.declare_exchange(names.exchange, aio_pika.ExchangeType.TOPIC, durable=True)


async def declare_consumer_topology(
    channel: AbstractChannel, names: Names, event_types: list[str], retry_delays_ms: list[int]
) -> AbstractQueue:
    """The service's work queue bound to its event types, one delay queue per retry (TTL, then
    dead-lettered back to the work queue) and the dead-letter queue."""
    exchange = await declare_exchange(channel, names)
    await channel.declare_queue(names.dead_queue, durable=True)
    # Safety net: anything rejected outright from the work queue still lands in the dead queue.
    work = await channel.declare_queue(
        names.work_queue,
        durable=True,
        arguments={"x-dead-letter-exchange": "", "x-dead-letter-routing-key": names.dead_queue},
    )
    for event_type in event_types:
        await work.bind(exchange, routing_key=event_type)
    for attempt, delay_ms in enumerate(retry_delays_ms, start=1):
        await channel.declare_queue(
            names.retry_queue(attempt),
            durable=True,
            arguments={
                "x-message-ttl": delay_ms,
                "x-dead-letter-exchange": "",
                "x-dead-letter-routing-key": names.work_queue,
            },
        )
    return work


async def delete_topology(channel: AbstractChannel, names: Names, retries: int) -> None:
    """Remove the service's queues (tests clean up after themselves with this)."""
    for name in [names.work_queue, names.dead_queue, *(names.retry_queue(i) for i in range(1, retries + 1))]:
        await channel.queue_delete(name)
