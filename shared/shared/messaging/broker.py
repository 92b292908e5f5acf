"""One robust broker connection per process: it reconnects by itself and restores the channels,
exchanges, queues, bindings and consumers declared through it."""

import aio_pika
import aiormq
from aio_pika.abc import AbstractExchange, AbstractRobustChannel, AbstractRobustConnection

from shared.messaging.topology import Names, declare_exchange

# aiormq bounds the connection's frame queue at 10, and a publisher waits for space while holding
# the channel's lock: the relay's batch then trickles out one frame per event-loop turn. Unbounded,
# the queue is bounded by the relay's batch instead (measured: bench/README.md).
aiormq.Connection.FRAME_BUFFER_SIZE = 0


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
        """Publish to the events exchange and wait for the broker's confirm. Not waiting for the frame
        to be written first (wait=False) lets many publishes share the channel; the confirm still
        comes from the broker, and a lost channel still raises."""
        channel = await self.publish_channel.get_underlay_channel()
        await channel.basic_publish(message.body, exchange=self.names.exchange, routing_key=routing_key,
                                    properties=message.properties, timeout=timeout, wait=False)

    async def send_to_queue(self, message: aio_pika.Message, queue: str, timeout: float = 10) -> None:
        await self.publish_channel.default_exchange.publish(message, routing_key=queue, timeout=timeout)

    async def close(self) -> None:
        if hasattr(self, "connection"):
            await self.connection.close()
