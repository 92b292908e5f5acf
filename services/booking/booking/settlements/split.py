"""Which resolutions move money here, and how a lesson's price splits. Pure.

Only the parties' agreement or staff's decision (DS-1, DS-3) settles a lesson here; the missed-lesson
flow's own resolutions (decided by the provider or the platform) moved their money by
booking.miss_resolved already. A full payment to the provider is a delivery (the lesson is confirmed,
which pays it); a reschedule moves no money."""

from dataclasses import dataclass

from booking.misses.remedies import SETTLED_BY_REPORT

SETTLING_RESOLUTIONS = frozenset({"full_refund_to_student", "split"})


@dataclass(frozen=True)
class Split:
    refund_minor: int
    provider_keeps_minor: int


def settles(resolution: str, decided_by: str) -> bool:
    return resolution in SETTLING_RESOLUTIONS and decided_by in SETTLED_BY_REPORT


def split_price(resolution: str, refund_minor: int | None, price_minor: int) -> Split:
    """A full refund is the whole price, whatever the report says; a split's refund is kept within the
    price (RF-3: never more back than was paid), the rest is the provider's."""
    refund = price_minor if resolution == "full_refund_to_student" else min(max(refund_minor or 0, 0), price_minor)
    return Split(refund, price_minor - refund)
