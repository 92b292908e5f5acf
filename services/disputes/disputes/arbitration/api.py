"""Staff's queue of disputes and their final decision (DS-3). The parties read their dispute too."""

from datetime import datetime

from fastapi import APIRouter

from disputes.arbitration.access import marketplace_disputes, visible_dispute
from disputes.arbitration.decision import decide
from disputes.arbitration.schemas import DecisionIn, DisputeOut
from disputes.reports.detail import report_detail
from disputes.reports.schemas import ReportOut
from shared.auth import CurrentIdentity, StaffIdentity
from shared.http import UoW
from shared.pagination import Cursor, Limit, Page, decode_cursor, page

router = APIRouter(prefix="/v1/disputes", tags=["disputes"])


@router.get("", summary="Staff: the marketplace's disputes, oldest first; decided=false: those awaiting a decision")
async def get_disputes(staff: StaffIdentity, uow: UoW, decided: bool | None = None, limit: Limit = 20,
                       cursor: Cursor = None) -> Page[DisputeOut]:
    after = decode_cursor(cursor, datetime, str) if cursor else None
    rows = await marketplace_disputes(uow.session, staff.marketplace_id, decided, after, limit)
    items, next_cursor = page(rows, limit, lambda dispute: (dispute.escalated_at, dispute.report_id))
    return Page(items=[DisputeOut.of(d) for d in items], next_cursor=next_cursor)


@router.get("/{report_id}", summary="One dispute: its report, proposals and decision")
async def get_dispute(report_id: str, identity: CurrentIdentity, uow: UoW) -> ReportOut:
    report, _ = await visible_dispute(uow.session, identity, report_id)
    return await report_detail(uow.session, report)


@router.post("/{report_id}/decision", summary="Staff: decide the dispute with any split of the price; final",
             responses={409: {"description": "decision-final, report-not-escalated"},
                        422: {"description": "invalid-refund"}})
async def post_decision(report_id: str, request: DecisionIn, staff: StaffIdentity, uow: UoW) -> ReportOut:
    report, dispute = await visible_dispute(uow.session, staff, report_id, for_update=True)
    await decide(uow, report, dispute, staff, request)
    answer = await report_detail(uow.session, report)
    await uow.commit()
    return answer
