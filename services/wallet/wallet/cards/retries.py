import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

from wallet.cards.errors import ProcessorUnavailable

T = TypeVar("T")


async def retry_while_unavailable(call: Callable[[], Awaitable[T]], attempts: int = 3,
                                  first_delay_s: float = 0.05) -> T:
    """Repeat a processor call (with its same idempotency key) over a short, growing pause.
    For HTTP requests, which can wait a moment; event handlers retry through the consumer instead."""
    for attempt in range(1, attempts + 1):
        try:
            return await call()
        except ProcessorUnavailable:
            if attempt == attempts:
                raise
            await asyncio.sleep(first_delay_s * 2 ** (attempt - 1))
    raise AssertionError("unreachable")
