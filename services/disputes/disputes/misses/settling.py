"""booking.miss_resolved closes the missed lesson's report: resolved with the miss's ending (the
wallet moves its money, not us), its pending proposal lapsed, its DS-5 clock stopped, its dispute,
if it went to staff and they have not decided, closed. A staff decision already made is final
(DS-3): then nothing changes here. Redelivered or announced again, it finds the report ended and
does nothing: one report_resolved per report."""

import structlog

from disputes.arbitration.access import dispute_of
from disputes.arbitration.closing import close_undecided
from disputes.misses.endings import ending_of
from disputes.proposals.lapsing import lapse_pending
from disputes.reports.access import report_for_update
from disputes.reports.closing import close
from disputes.reports.lifecycle import Step, can
from shared.events import MissResolved
from shared.unit_of_work import UnitOfWork

log = structlog.get_logger(__name__)


async def settle_miss(uow: UnitOfWork, marketplace_id: str, settled: MissResolved) -> None:
    report = await report_for_update(uow.session, marketplace_id, settled.report_id)
    if report is None or report.booking_id != settled.booking_id:
        log.warning("miss_resolved.unknown_report", marketplace=marketplace_id, report_id=settled.report_id,
                    booking_id=settled.booking_id)
        return
    if not can(report.report_status, Step.SETTLE_MISS):
        log.info("miss_resolved.report_ended", report_id=report.id, status=report.status)
        return
    ending = ending_of(settled)
    await lapse_pending(uow.session, report)
    if (dispute := await dispute_of(uow.session, report)) is not None:
        close_undecided(dispute, ending.decided_by)
        uow.session.add(dispute)
    await close(uow, report, Step.SETTLE_MISS, ending.resolution.value, ending.refund_minor, ending.currency,
                decided_by=ending.decided_by)
