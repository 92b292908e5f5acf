"""How a settled miss ends its report, pure: the resolution, what went back to the student, and who
ended it, as report_resolved tells them (shared.events.disputes.Resolution)."""

from dataclasses import dataclass
from enum import StrEnum

from shared.events import MissResolved


class MissResolution(StrEnum):
    PROMO_CODE = "provider_resolved_with_promo_code"
    CREDIT_REFUND = "provider_refunded_credits"
    PLATFORM_REFUND = "platform_refunded"


_BY_REMEDY = {"promo_code": MissResolution.PROMO_CODE, "credit_refund": MissResolution.CREDIT_REFUND,
              "platform_refund": MissResolution.PLATFORM_REFUND}


@dataclass(frozen=True)
class Ending:
    resolution: MissResolution
    refund_minor: int | None  # money back to the student; a promo code is a lesson to come, not money back
    currency: str | None
    decided_by: str  # provider, staff (who may act for the provider) or platform: booking's resolved_by


def ending_of(settled: MissResolved) -> Ending:
    resolution = _BY_REMEDY[settled.remedy]
    refunded = resolution is not MissResolution.PROMO_CODE
    return Ending(resolution, settled.amount.amount_minor if refunded else None,
                  settled.amount.currency if refunded else None, settled.resolved_by)
