"""Ops tools for a service's dead-letter queue: count, show and replay into the work queue."""

from aio_pika.abc import AbstractChannel

from shared.messaging.broker import Broker
from shared.messaging.consumer import RETRIES_HEADER, copy_message


async def peek(broker: Broker, limit: int = 20) -> list[dict]:
    """The first messages of the dead queue with their error, left in the queue."""
    channel = await broker.connection.channel()
    try:
        queue = await channel.get_queue(broker.names.dead_queue)
        seen = []
        for _ in range(limit):
            message = await queue.get(fail=False, no_ack=False)
            if message is None:
                break
            headers = message.headers or {}
            seen.append({"message_id": message.message_id, "type": message.type,
                         "error": headers.get("x-error"), "failed_at": headers.get("x-failed-at")})
        return seen  # closing the channel unacks, so they all go back to the queue
    finally:
        await channel.close()


async def replay(broker: Broker, limit: int | None = None) -> int:
    """Move dead messages back to the work queue with a fresh retry budget."""
    channel: AbstractChannel = await broker.connection.channel()
    moved = 0
    try:
        queue = await channel.get_queue(broker.names.dead_queue)
        while limit is None or moved < limit:
            message = await queue.get(fail=False, no_ack=False)
            if message is None:
                break
            await broker.send_to_queue(copy_message(message, {RETRIES_HEADER: 0}), broker.names.work_queue)
            await message.ack()
            moved += 1
        return moved
    finally:
        await channel.close()
