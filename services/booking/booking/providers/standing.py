"""Whether a provider can be booked, and who may change that (BK-5, PS-1).

A provider pauses and resumes their own account; staff pause and reactivate anyone. A pause by
staff is not the provider's to lift, nor is a suspension (the platform's, past the strikes
threshold, see suspension.py): only staff reinstate a suspended provider, with `reactivate`.
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

    @classmethod
    def of(cls, status: str, paused_by: str | None) -> "Standing":
        return cls(ProviderStatus(status), PausedBy(paused_by) if paused_by else None)

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

    def suspended(self) -> "Standing":
        """PS-1: from active or paused alike; a pause (even staff's) does not shield a provider from it."""
        self._require(self.status is not ProviderStatus.SUSPENDED, "suspend")
        return Standing(ProviderStatus.SUSPENDED)

    def _require(self, allowed: bool, action: str) -> None:
        if not allowed:
            by = f" by {self.paused_by}" if self.paused_by else ""
            raise StandingConflict(f"The provider is {self.status}{by}; they can't be {action}d now.",
                                   current_status=self.status.value)


class StandingChangeKind(StrEnum):
    """How a provider's record names a change of their standing (PS-2)."""

    PAUSED = "paused"
    RESUMED = "resumed"  # the provider, after their own pause
    REACTIVATED = "reactivated"  # staff, after a pause
    SUSPENDED = "suspended"
    REINSTATED = "reinstated"  # staff, after a suspension


def change_kind(before: Standing, after: Standing, by: str) -> StandingChangeKind:
    if after.status is ProviderStatus.SUSPENDED:
        return StandingChangeKind.SUSPENDED
    if after.status is ProviderStatus.PAUSED:
        return StandingChangeKind.PAUSED
    if before.status is ProviderStatus.SUSPENDED:
        return StandingChangeKind.REINSTATED
    return StandingChangeKind.RESUMED if by == PausedBy.PROVIDER else StandingChangeKind.REACTIVATED
