"""A bare TCP port that only notes who connects to it; and, from shared, an ASGI app served over real
HTTP on a free port of this machine (`serving`)."""

import asyncio
import contextlib
from collections.abc import AsyncIterator

from shared.testing.serving import serving

__all__ = ["serving", "tcp_listener"]


@contextlib.asynccontextmanager
async def tcp_listener() -> AsyncIterator[tuple[int, list[str]]]:
    """A port of 127.0.0.1 and the peers that connected to it while the block runs (each is hung up on)."""
    peers: list[str] = []

    async def note(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        peers.append(writer.get_extra_info("peername")[0])
        writer.close()

    server = await asyncio.start_server(note, "127.0.0.1", 0)
    try:
        yield server.sockets[0].getsockname()[1], peers
    finally:
        server.close()
        await server.wait_closed()
