"""An ASGI app served over real HTTP on a free port of this machine, inside the test's event loop."""

import asyncio
import contextlib
from collections.abc import AsyncIterator

import uvicorn


class _QuietServer(uvicorn.Server):
    def capture_signals(self):  # the test runner, not this server, owns the process's signals
        return contextlib.nullcontext()


@contextlib.asynccontextmanager
async def serving(app, lifespan: str = "off", port: int = 0) -> AsyncIterator[str]:
    """The base URL (http://127.0.0.1:<port>) the app answers on while the block runs; on a free port
    unless one is given (to stand in for a restarted server at the same address)."""
    server = _QuietServer(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, access_log=False,
                                         lifespan=lifespan))
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task
