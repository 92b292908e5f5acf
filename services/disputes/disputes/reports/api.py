"""Filing and reading problem reports (MS-1). Only the lesson's parties and staff read a report."""

from datetime import datetime

from fastapi import APIRouter

from disputes.reports.access import visible_report, visible_reports
from disputes.reports.detail import report_detail
from disputes.reports.filing import file_report
from disputes.reports.lifecycle import ReportStatus
from disputes.reports.schemas import ReportIn, ReportOut, ReportSummaryOut
from disputes.roles import PartyIdentity
from shared.auth import CurrentIdentity
from shared.http import UoW
from shared.pagination import Cursor, Limit, Page, decode_cursor, page

router = APIRouter(prefix="/v1/reports", tags=["reports"])


@router.post("", status_code=201, summary="A party reports that the lesson did not happen as booked",
             responses={404: {"description": "lesson-not-found"}, 409: {"description": (
                 "lesson-not-started, report-window-closed, lesson-not-reportable, report-already-open, "
                 "lesson-settled, lesson-price-unknown")}})
async def post_report(request: ReportIn, party: PartyIdentity, uow: UoW) -> ReportOut:
    filed = await file_report(uow, party, request)
    await uow.commit()
    return ReportOut.detail(filed.report, filed.proposals, None, filed.student_contacted_provider)


@router.get("", summary="The caller's reports (staff: all of the marketplace), newest first")
async def get_reports(identity: CurrentIdentity, uow: UoW, booking_id: str | None = None,
                      status: ReportStatus | None = None, limit: Limit = 20,
                      cursor: Cursor = None) -> Page[ReportSummaryOut]:
    before = decode_cursor(cursor, datetime, str) if cursor else None
    rows = await visible_reports(uow.session, identity, booking_id, status, before, limit)
    items, next_cursor = page(rows, limit, lambda report: (report.reported_at, report.id))
    return Page(items=[ReportSummaryOut.of(r) for r in items], next_cursor=next_cursor)


@router.get("/{report_id}", summary="One report, with its proposals, dispute and the contact-first fact")
async def get_report(report_id: str, identity: CurrentIdentity, uow: UoW) -> ReportOut:
    return await report_detail(uow.session, await visible_report(uow.session, identity, report_id))
