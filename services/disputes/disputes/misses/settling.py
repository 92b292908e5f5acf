"""booking.miss_resolved closes the missed lesson's report: resolved with the miss's ending (the
wallet moves its money, not us), its pending proposal lapsed, its DS-5 clock stopped, its dispute,
if it went to staff and they have not decided, closed. A staff decision already made is final
(DS-3): then nothing changes here. Redelivered or announced again, it finds the report ended and
does nothing: one report_resolved per report.

One of the flow's hot paths: one read and one write on the driver connection (misses.store), the
rules in between as plain functions; a second read for an escalated report's dispute."""

import structlog

from disputes.arbitration.closing import close_undecided
from disputes.marks.awarding import marked_parties
from disputes.misses import store
from disputes.misses.endings import ending_of
from disputes.reports import events
from disputes.reports.closing import end
from disputes.reports.deadlines import stop_waiting
from disputes.reports.lifecycle import ReportStatus, Step, can
from shared.database import driver_connection
from shared.events import MissResolved
from shared.unit_of_work import UnitOfWork

log = structlog.get_logger(__name__)


async def settle_miss(uow: UnitOfWork, marketplace_id: str, settled: MissResolved) -> None:
    conn = await driver_connection(uow.session)
    report = await store.report_for_update(conn, marketplace_id, settled.report_id)
    if report is None or report.booking_id != settled.booking_id:
        log.warning("miss_resolved.unknown_report", marketplace=marketplace_id, report_id=settled.report_id,
                    booking_id=settled.booking_id)
        return
    if not can(report.report_status, Step.SETTLE_MISS):
        log.info("miss_resolved.report_ended", report_id=report.id, status=report.status)
        return
    # Escalation opens the dispute and moves the report on at once: an open report has none to close.
    dispute = await store.dispute_of(conn, report) if report.report_status is ReportStatus.ESCALATED else None
    ending = ending_of(settled)
    end(report, Step.SETTLE_MISS, ending.resolution.value, ending.refund_minor, ending.currency)
    if dispute is not None:
        close_undecided(dispute, ending.decided_by)
    await stop_waiting(uow, report)
    await store.settle(conn, report, dispute, marked_parties(report))
    uow.emit(events.report_resolved(report, ending.decided_by), marketplace=report.marketplace_id,
             subject=report.subject)
