"""How a miss ends, and when, from the booking's own terms (BK-6). Pure.

- promo_code, credit_refund: the provider (or staff for them) resolved it (MS-2, PC-1, RF-1);
- platform_refund: nobody did within the grace period; the platform refunded the student (MS-3);
- card_refund: staff refunded the lesson to the card (RF-2) while the miss was unresolved;
- report: the parties agreed on, or staff decided, the report's resolution (DS-1, DS-3), which moves
  the money itself.
The first three are announced by booking.miss_resolved.v1, on which the wallet moves the money; the
last two moved their money already (or move it by their own events) and are only recorded.
"""

from datetime import datetime, timedelta
from enum import StrEnum
from typing import Literal

from booking.policies.terms import PolicyTerms

ProviderRemedy = Literal["promo_code", "credit_refund"]
ResolvedBy = Literal["provider", "staff", "platform", "parties"]
MISS_GRACE = "booking.miss_grace"
# Who ends a report with a resolution of their own (DS-1, DS-3), which then settles the miss.
SETTLED_BY_REPORT = frozenset({"parties", "staff"})


class MissRemedy(StrEnum):
    PROMO_CODE = "promo_code"
    CREDIT_REFUND = "credit_refund"
    PLATFORM_REFUND = "platform_refund"
    CARD_REFUND = "card_refund"
    REPORT = "report"

    @property
    def announced(self) -> bool:
        """Whether booking.miss_resolved carries it to the wallet (the others moved their money already)."""
        return self in {MissRemedy.PROMO_CODE, MissRemedy.CREDIT_REFUND, MissRemedy.PLATFORM_REFUND}


def grace_ends_at(missed_at: datetime, terms: PolicyTerms) -> datetime:
    """MS-3: the provider has this long from the miss (its report) to resolve it themselves."""
    return missed_at + timedelta(hours=terms.miss_grace_hours)


def promo_expires_at(resolved_at: datetime, terms: PolicyTerms) -> datetime:
    """PC-1: a promo code is valid this long from its issue."""
    return resolved_at + timedelta(days=terms.promo_code_valid_days)
