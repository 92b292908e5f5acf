"""A dispute staff have not decided yet leaves their queue when the missed-lesson flow settles the
lesson first (misses/): closed, by whom, never decided."""

from disputes.arbitration.models import Dispute
from disputes.clock import utcnow


def close_undecided(dispute: Dispute, closed_by: str) -> None:
    if dispute.decided_at is None and dispute.closed_at is None:
        dispute.closed_at, dispute.closed_by = utcnow(), closed_by
