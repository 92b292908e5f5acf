"""A report as its parties and staff read it: with its proposals, its dispute, and the
contact-first fact of its lesson."""

from sqlmodel.ext.asyncio.session import AsyncSession

from disputes.arbitration.access import dispute_of
from disputes.contacts.query import student_contacted_provider
from disputes.lessons.access import lesson_of
from disputes.proposals.access import proposals_of
from disputes.reports.models import Report
from disputes.reports.schemas import ReportOut


async def report_detail(session: AsyncSession, report: Report) -> ReportOut:
    lesson = await lesson_of(session, report.marketplace_id, report.booking_id)
    return ReportOut.detail(report, await proposals_of(session, report), await dispute_of(session, report),
                            await student_contacted_provider(session, lesson))
