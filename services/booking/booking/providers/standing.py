"""Whether a provider can be booked, and who may change that (BK-5; suspension by PS-1 later).

A provider pauses and resumes their own account; staff pause and reactivate anyone. A pause by
staff is not the provider's to lift, nor is a suspension: that is what staff pausing is for.
"""

from dataclasses import dataclass
from enum import StrEnum

from shared.errors import Conflict


class ProviderStatus(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    SUSPENDED = "suspended"


class PausedBy(StrEnum):
    PROVIDER = "provider"
    STAFF = "staff"


class StandingConflict(Conflict):
    slug = "provider-standing-conflict"


@dataclass(frozen=True)
class Standing:
    status: ProviderStatus
    paused_by: PausedBy | None = None

    @property
    def bookable(self) -> bool:
        return self.status is ProviderStatus.ACTIVE

    def paused_by_provider(self) -> "Standing":
        self._require(self.status is ProviderStatus.ACTIVE, "pause")
        return Standing(ProviderStatus.PAUSED, PausedBy.PROVIDER)

    def resumed_by_provider(self) -> "Standing":
        if self.status is ProviderStatus.PAUSED and self.paused_by is PausedBy.STAFF:
            raise StandingConflict("Staff paused this account; only staff can reactivate it.",
                                   slug="paused-by-staff", current_status=self.status.value)
        self._require(self.status is ProviderStatus.PAUSED, "resume")
        return Standing(ProviderStatus.ACTIVE)

    def paused_by_staff(self) -> "Standing":
        self._require(self.status is ProviderStatus.ACTIVE or self.paused_by is PausedBy.PROVIDER, "pause")
        return Standing(ProviderStatus.PAUSED, PausedBy.STAFF)

    def reactivated_by_staff(self) -> "Standing":
        self._require(self.status is not ProviderStatus.ACTIVE, "reactivate")
        return Standing(ProviderStatus.ACTIVE)

    def _require(self, allowed: bool, action: str) -> None:
        if not allowed:
            by = f" by {self.paused_by}" if self.paused_by else ""
            raise StandingConflict(f"The provider is {self.status}{by}; they can't be {action}d now.",
                                   current_status=self.status.value)
