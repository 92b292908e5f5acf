"""DS-1 over HTTP: a party proposes, the other accepts or rejects. Each answer returns the report."""

from fastapi import APIRouter

from disputes.proposals.access import proposal_of
from disputes.proposals.answering import accept, reject
from disputes.proposals.proposing import propose
from disputes.proposals.schemas import ProposalIn
from disputes.reports.access import visible_report
from disputes.reports.detail import report_detail
from disputes.reports.schemas import ReportOut
from disputes.roles import PartyIdentity
from shared.http import UoW

router = APIRouter(prefix="/v1/reports/{report_id}/proposals", tags=["reports"])


@router.post("", status_code=201, summary="Propose how to settle an open report; the other party answers",
             responses={409: {"description": "report-not-open, proposal-pending, lesson-price-unknown"},
                        422: {"description": "invalid-refund"}})
async def post_proposal(report_id: str, request: ProposalIn, party: PartyIdentity, uow: UoW) -> ReportOut:
    report = await visible_report(uow.session, party, report_id, for_update=True)
    await propose(uow, report, party, request)
    answer = await report_detail(uow.session, report)
    await uow.commit()
    return answer


@router.post("/{proposal_id}/accept", summary="The other party accepts: the report is resolved so",
             responses={403: {"description": "own-proposal"}, 409: {"description": "proposal-not-pending"}})
async def accept_proposal(report_id: str, proposal_id: str, party: PartyIdentity, uow: UoW) -> ReportOut:
    report = await visible_report(uow.session, party, report_id, for_update=True)
    await accept(uow, report, await proposal_of(uow.session, report, proposal_id), party)
    answer = await report_detail(uow.session, report)
    await uow.commit()
    return answer


@router.post("/{proposal_id}/reject", summary="The other party rejects: the report stays open",
             responses={403: {"description": "own-proposal"}, 409: {"description": "proposal-not-pending"}})
async def reject_proposal(report_id: str, proposal_id: str, party: PartyIdentity, uow: UoW) -> ReportOut:
    report = await visible_report(uow.session, party, report_id, for_update=True)
    await reject(uow, report, await proposal_of(uow.session, report, proposal_id), party)
    answer = await report_detail(uow.session, report)
    await uow.commit()
    return answer
