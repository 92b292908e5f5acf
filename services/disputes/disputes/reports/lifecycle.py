"""The report state machine. Pure: given the current status and a step, the next status, or a
conflict that names the current one.

    open ──proposal accepted──▶ resolved
      └──escalated by a party, or unanswered 7 days──▶ escalated ──staff decision──▶ decided (final)

A missed lesson settled by its own flow (booking.miss_resolved: the provider's promo code or credit
refund, or the platform's refund) resolves its report from open, or from escalated while staff have
not decided: a decision made first is final (DS-3), and the settlement then changes nothing here.
"""

from enum import StrEnum

from shared.errors import Conflict


class ReportStatus(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"
    ESCALATED = "escalated"
    DECIDED = "decided"


# A lesson has at most one live report (the database's partial unique index holds it).
LIVE = frozenset({ReportStatus.OPEN, ReportStatus.ESCALATED})
ENDED = frozenset({ReportStatus.RESOLVED, ReportStatus.DECIDED})


class Step(StrEnum):
    PROPOSE = "propose"
    REJECT = "reject"
    ACCEPT = "accept"
    ESCALATE = "escalate"
    DECIDE = "decide"
    SETTLE_MISS = "settle_miss"


_S = ReportStatus
_TRANSITIONS: dict[Step, tuple[frozenset[ReportStatus], ReportStatus]] = {
    Step.PROPOSE: (frozenset({_S.OPEN}), _S.OPEN),
    Step.REJECT: (frozenset({_S.OPEN}), _S.OPEN),
    Step.ACCEPT: (frozenset({_S.OPEN}), _S.RESOLVED),
    Step.ESCALATE: (frozenset({_S.OPEN}), _S.ESCALATED),
    Step.DECIDE: (frozenset({_S.ESCALATED}), _S.DECIDED),
    Step.SETTLE_MISS: (LIVE, _S.RESOLVED),
}


class ReportStateConflict(Conflict):
    slug = "report-not-open"


def can(current: ReportStatus, step: Step) -> bool:
    return current in _TRANSITIONS[step][0]


def next_status(current: ReportStatus, step: Step) -> ReportStatus:
    needed, target = _TRANSITIONS[step]
    if current in needed:
        return target
    if current is _S.DECIDED:
        raise ReportStateConflict("Staff decided this report; the decision is final and nothing changes it.",
                                  slug="decision-final", current_status=current.value)
    if step is Step.DECIDE:
        raise ReportStateConflict(f"The report is {current}; staff decide only an escalated report.",
                                  slug="report-not-escalated", current_status=current.value)
    raise ReportStateConflict(f"The report is {current}; '{step}' needs an open report.",
                              current_status=current.value)
