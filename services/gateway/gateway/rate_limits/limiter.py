"""Rate limits per user and per key, counted in Redis so that every gateway replica shares them
(`limits`, sliding window counters). A call is charged to its user and to the key behind it; the
tighter of the two is what the answer's RateLimit headers tell (IETF RateLimit header fields).

When Redis can't be reached, calls pass uncounted (logged): a counter store's outage must not take
every marketplace's API down with it.
"""

import math
import time
from dataclasses import dataclass

import structlog
from limits import RateLimitItem, parse
from limits.aio.storage import RedisStorage
from limits.aio.strategies import SlidingWindowCounterRateLimiter

from shared.errors import Problem

log = structlog.get_logger(__name__)


class TooManyRequests(Problem):
    status, slug, title = 429, "rate-limited", "Too many requests"


@dataclass(frozen=True)
class _Standing:
    item: RateLimitItem
    remaining: int
    reset_in_s: int
    allowed: bool

    def headers(self) -> dict[str, str]:
        return {"RateLimit-Limit": str(self.item.amount), "RateLimit-Remaining": str(self.remaining),
                "RateLimit-Reset": str(self.reset_in_s),
                "RateLimit-Policy": f"{self.item.amount};w={self.item.get_expiry()}"}


class RateLimits:
    def __init__(self, redis_url: str, per_user: str, per_key: str, namespace: str):
        # The namespace keeps deployments (and test runs) sharing one Redis apart.
        # Short socket timeouts: a Redis that hangs must not hold every call for long.
        self._storage = RedisStorage(redis_url.replace("redis://", "async+redis://", 1), implementation="redispy",
                                     key_prefix=f"{namespace}:rate", socket_timeout=0.5, socket_connect_timeout=0.5)
        self._limiter = SlidingWindowCounterRateLimiter(self._storage)
        self.per_user, self.per_key = parse(per_user), parse(per_key)

    async def charge(self, key_id: str | None, user: str | None) -> dict[str, str]:
        """Count one call; the headers to answer with, or TooManyRequests with them."""
        charged = [(self.per_key, "key", key_id), (self.per_user, "user", user)]
        try:
            standings = [await self._hit(item, kind, who) for item, kind, who in charged if who is not None]
        except Exception as exc:
            log.warning("rate_limits.unavailable", error=type(exc).__name__)
            return {}
        if not standings:
            return {}
        tightest = min(standings, key=lambda standing: (standing.allowed, standing.remaining))
        headers = tightest.headers()
        if not tightest.allowed:
            raise TooManyRequests(f"Too many requests; at most {tightest.item.amount} per "
                                  f"{tightest.item.get_expiry()} s. Retry after {tightest.reset_in_s} s.",
                                  headers={**headers, "Retry-After": str(tightest.reset_in_s)})
        return headers

    async def _hit(self, item: RateLimitItem, kind: str, who: str) -> _Standing:
        allowed = await self._limiter.hit(item, kind, who)
        stats = await self._limiter.get_window_stats(item, kind, who)
        return _Standing(item, stats.remaining, max(1, math.ceil(stats.reset_time - time.time())), allowed)

    async def aclose(self) -> None:
        client = self._storage.bridge.storage
        if client is not None:
            await client.aclose()
