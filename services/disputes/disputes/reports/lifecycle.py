"""The report state machine. Pure: given the current status and a step, the next status, or a
conflict that names the current one.

    open ──proposal accepted──▶ resolved
      └──escalated by a party, or unanswered 7 days──▶ escalated ──staff decision──▶ decided (final)
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


_S = ReportStatus
_TRANSITIONS: dict[Step, tuple[ReportStatus, ReportStatus]] = {
    Step.PROPOSE: (_S.OPEN, _S.OPEN),
    Step.REJECT: (_S.OPEN, _S.OPEN),
    Step.ACCEPT: (_S.OPEN, _S.RESOLVED),
    Step.ESCALATE: (_S.OPEN, _S.ESCALATED),
    Step.DECIDE: (_S.ESCALATED, _S.DECIDED),
}


class ReportStateConflict(Conflict):
    slug = "report-not-open"


def can(current: ReportStatus, step: Step) -> bool:
    return current is _TRANSITIONS[step][0]


def next_status(current: ReportStatus, step: Step) -> ReportStatus:
    needed, target = _TRANSITIONS[step]
    if current is needed:
        return target
    if current is _S.DECIDED:
        raise ReportStateConflict("Staff decided this report; the decision is final and nothing changes it.",
                                  slug="decision-final", current_status=current.value)
    if step is Step.DECIDE:
        raise ReportStateConflict(f"The report is {current}; staff decide only an escalated report.",
                                  slug="report-not-escalated", current_status=current.value)
    raise ReportStateConflict(f"The report is {current}; '{step}' needs an open report.",
                              current_status=current.value)
