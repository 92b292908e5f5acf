from fastapi import APIRouter

from disputes.arbitration.escalation import escalate
from disputes.reports.access import visible_report
from disputes.reports.detail import report_detail
from disputes.reports.schemas import ReportOut
from disputes.roles import PartyIdentity
from shared.http import UoW

router = APIRouter(prefix="/v1/reports", tags=["reports"])


@router.post("/{report_id}/escalate", summary="A party takes the open report to staff: it becomes a dispute",
             responses={409: {"description": "contact-provider-first (DS-4), report-not-open, decision-final"}})
async def escalate_report(report_id: str, party: PartyIdentity, uow: UoW) -> ReportOut:
    report = await visible_report(uow.session, party, report_id, for_update=True)
    await escalate(uow, report, party)
    answer = await report_detail(uow.session, report)
    await uow.commit()
    return answer
