"""One robust broker connection per process: it reconnects by itself and restores the channels,
exchanges, queues, bindings and consumers declared through it."""

import aio_pika
from aio_pika.abc import AbstractExchange, AbstractRobustChannel, AbstractRobustConnection

from shared.messaging.topology import Names, declare_exchange


class Broker:
    def __init__(self, url: str, names: Names, reconnect_interval_s: float = 1.0):
        self.url = url
        self.reconnect_interval_s = reconnect_interval_s
        self.names = names
        self.connection: AbstractRobustConnection
        self.publish_channel: AbstractRobustChannel
        self.exchange: AbstractExchange

    async def connect(self, timeout: float = 10) -> "Broker":
        self.connection = await aio_pika.connect_robust(
            self.url, timeout=timeout, reconnect_interval=self.reconnect_interval_s,
            client_properties={"connection_name": self.names.work_queue},
        )
        self.publish_channel = await self.connection.channel(publisher_confirms=True)
        self.exchange = await declare_exchange(self.publish_channel, self.names)
        return self

    @property
    def is_connected(self) -> bool:
        return hasattr(self, "connection") and self.connection.connected.is_set()

    async def publish(self, message: aio_pika.Message, routing_key: str, timeout: float = 10) -> None:
        """Publish to the events exchange and wait for the broker's confirm."""
        await self.exchange.publish(message, routing_key=routing_key, timeout=timeout)

    async def send_to_queue(self, message: aio_pika.Message, queue: str, timeout: float = 10) -> None:
        await self.publish_channel.default_exchange.publish(message, routing_key=queue, timeout=timeout)

    async def close(self) -> None:
        if hasattr(self, "connection"):
            await self.connection.close()
