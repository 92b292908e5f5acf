"""How a settled miss ends its report (MS-2, MS-3), without I/O: the resolution and refund of each
remedy, who ended it, the state machine's step (open or escalated, never after a decision), and the
disputed marks every such ending gives (DS-2)."""

from datetime import UTC, datetime

import pytest

from disputes.marks.rule import gives_marks
from disputes.misses.endings import MissResolution, ending_of
from disputes.reports.lifecycle import ReportStateConflict, ReportStatus, Step, can, next_status
from shared.events import MissResolved, Money

S = ReportStatus


def settled(remedy: str, resolved_by: str) -> MissResolved:
    return MissResolved(booking_id="b", student_id="s", provider_id="p", report_id="r", remedy=remedy,
                        resolved_by=resolved_by, amount=Money(amount_minor=4200, currency="EUR"),
                        resolved_at=datetime.now(UTC))


@pytest.mark.rule("MS-2")
@pytest.mark.rule("MS-3")
@pytest.mark.parametrize(("remedy", "resolved_by", "resolution", "refund"), [
    ("promo_code", "provider", MissResolution.PROMO_CODE, None),
    ("credit_refund", "provider", MissResolution.CREDIT_REFUND, 4200),
    ("credit_refund", "staff", MissResolution.CREDIT_REFUND, 4200),
    ("platform_refund", "platform", MissResolution.PLATFORM_REFUND, 4200),
])
def test_each_remedy_ends_the_report_its_own_way(remedy, resolved_by, resolution, refund):
    ending = ending_of(settled(remedy, resolved_by))
    assert (ending.resolution, ending.refund_minor, ending.decided_by) == (resolution, refund, resolved_by)
    assert ending.currency == ("EUR" if refund else None)


@pytest.mark.rule("MS-3")
@pytest.mark.parametrize("current", [S.OPEN, S.ESCALATED])
def test_a_settled_miss_resolves_a_live_report(current):
    assert can(current, Step.SETTLE_MISS) and next_status(current, Step.SETTLE_MISS) is S.RESOLVED


@pytest.mark.rule("DS-3")
@pytest.mark.parametrize(("current", "slug"), [(S.DECIDED, "decision-final"), (S.RESOLVED, "report-not-open")])
def test_an_ended_report_is_not_settled_again(current, slug):
    assert not can(current, Step.SETTLE_MISS)
    with pytest.raises(ReportStateConflict) as refused:
        next_status(current, Step.SETTLE_MISS)
    assert refused.value.slug == slug


@pytest.mark.rule("DS-2")
@pytest.mark.parametrize("resolution", list(MissResolution))
def test_every_miss_ending_marks_both_parties(resolution):
    assert gives_marks(resolution)
