"""Fetching the services' documents, and keeping the merged one for a short while."""

import asyncio
import time
from collections.abc import Callable

import aiohttp
import structlog

from gateway.openapi.merge import merge_documents

log = structlog.get_logger(__name__)

# Short: a service deployed with new paths shows them within the minute, yet a burst of doc readers
# costs the services one fetch each.
CACHE_TTL_S = 30.0
# A service that is down must not keep the docs page waiting for the full upstream timeout.
FETCH_TIMEOUT_S = 5.0


class ApiDocs:
    def __init__(self, own_document: Callable[[], dict], client: aiohttp.ClientSession, services: dict[str, str],
                 upstream_timeout_s: float):
        self._own_document = own_document
        self._client = client
        self._services = services  # service name -> base URL
        self._timeout = aiohttp.ClientTimeout(total=min(FETCH_TIMEOUT_S, upstream_timeout_s))
        self._lock = asyncio.Lock()
        self._document: dict | None = None
        self._built_at = 0.0

    async def document(self) -> dict:
        if self._is_fresh():
            return self._document
        async with self._lock:  # one rebuild at a time; those who waited take its result
            if not self._is_fresh():
                self._document = await self._build()
                self._built_at = time.monotonic()
        return self._document

    def _is_fresh(self) -> bool:
        return self._document is not None and time.monotonic() - self._built_at < CACHE_TTL_S

    async def _build(self) -> dict:
        names = list(self._services)
        fetched = await asyncio.gather(*(self._fetch(name) for name in names))
        found = {name: document for name, document in zip(names, fetched, strict=True) if document is not None}
        return merge_documents(self._own_document(), found, [name for name in names if name not in found])

    async def _fetch(self, service: str) -> dict | None:
        try:
            async with self._client.get(f"{self._services[service]}/openapi.json", timeout=self._timeout) as response:
                response.raise_for_status()
                return await response.json()
        except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
            log.warning("openapi.service_unavailable", service=service, error=type(exc).__name__)
            return None
