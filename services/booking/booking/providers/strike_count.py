"""PS-1, pure: which of a provider's strikes count towards a suspension, and whether they suspend.

Strikes count within the marketplace's current window (its policy now, not a booking's snapshot:
standing is about the provider, not one lesson), and only those recorded after the provider's last
reinstatement: staff who reinstate a provider give them a clean slate, so the strikes that led to
the suspension don't suspend them again together with the next one.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from booking.providers.standing import ProviderStatus, Standing


@dataclass(frozen=True)
class StrikeRecord:
    id: str
    recorded_at: datetime


def counting_since(now: datetime, window_days: int, reset_at: datetime | None) -> datetime:
    """The start of the window the strikes count in: the window, or the reinstatement when later."""
    window_start = now - timedelta(days=window_days)
    return window_start if reset_at is None else max(window_start, reset_at)


def counted(strikes: Iterable[StrikeRecord], since: datetime) -> list[StrikeRecord]:
    """The strikes recorded from `since` on, oldest first."""
    return sorted((s for s in strikes if s.recorded_at >= since), key=lambda s: s.recorded_at)


def suspends(standing: Standing, strikes: int, threshold: int) -> bool:
    """At or past the threshold, and not suspended already (one suspension, announced once)."""
    return standing.status is not ProviderStatus.SUSPENDED and strikes >= threshold
