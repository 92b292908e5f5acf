"""The one HTTP client the gateway reaches the services with, for the life of the process.

aiohttp rather than httpx: on this path httpx and httpcore cost about 1 ms of CPU per call (URL and
header models, a socket poll per pooled connection checked), aiohttp about 0.1 ms (its parser and
headers are compiled).
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import aiohttp

# Kept-alive connections spare a TCP handshake per call; the ceiling is far above what one replica's
# event loop drives, so under load calls queue on the services, not on the gateway's pool. Idle
# connections are dropped before uvicorn's 5 s keep-alive timeout closes them from the service's
# side: reusing one the service is closing fails the call.
MAX_CONNECTIONS = 1000
KEEPALIVE_S = 4


def upstream_timeout(timeout_s: float) -> aiohttp.ClientTimeout:
    """No limit on a whole call, so an event stream lives as long as it keeps sending: the limits are
    on getting a connection and on each wait for the service's next bytes."""
    return aiohttp.ClientTimeout(total=None, connect=timeout_s, sock_read=timeout_s)


@asynccontextmanager
async def upstream_client(timeout_s: float) -> AsyncIterator[aiohttp.ClientSession]:
    # A service's address is resolved with each new connection, as before: no DNS cache of its own.
    connector = aiohttp.TCPConnector(limit=MAX_CONNECTIONS, keepalive_timeout=KEEPALIVE_S, use_dns_cache=False)
    # trust_env=False: a proxy set in the environment for outbound traffic must not carry the
    # gateway's calls to services next to it. No Content-Type of the client's own making: the
    # service sees the partner's, or none.
    async with aiohttp.ClientSession(connector=connector, timeout=upstream_timeout(timeout_s), trust_env=False,
                                     skip_auto_headers=("Content-Type",)) as client:
        yield client
