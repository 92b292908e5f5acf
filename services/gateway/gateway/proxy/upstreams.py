"""The one HTTP client the gateway reaches the services with, for the life of the process."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx

# Kept-alive connections spare a TCP handshake per call; the ceiling is far above what one replica's
# event loop drives, so under load calls queue on the services, not on the gateway's pool. Idle
# connections are dropped before uvicorn's 5 s keep-alive timeout closes them from the service's
# side: reusing one the service is closing fails the call.
LIMITS = httpx.Limits(max_connections=1000, max_keepalive_connections=200, keepalive_expiry=4)


@asynccontextmanager
async def upstream_client(timeout_s: float) -> AsyncIterator[httpx.AsyncClient]:
    # trust_env=False: a proxy set in the environment for outbound traffic must not carry the
    # gateway's calls to services next to it.
    async with httpx.AsyncClient(timeout=httpx.Timeout(timeout_s), limits=LIMITS, trust_env=False,
                                 follow_redirects=False) as client:
        yield client
