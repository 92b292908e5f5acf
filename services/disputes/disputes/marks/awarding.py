from sqlalchemy.dialects.postgresql import insert
from sqlmodel.ext.asyncio.session import AsyncSession

from disputes.clock import utcnow
from disputes.marks.models import DisputedMark
from disputes.marks.rule import gives_marks
from disputes.reports.models import Report


def marked_parties(report: Report) -> list[tuple[str, str]]:
    """(user_id, role) of each party the report's ending marks: both, or none (DS-2)."""
    if not gives_marks(report.resolution):
        return []
    return [(report.student_id, "student"), (report.provider_id, "provider")]


async def award_marks(session: AsyncSession, report: Report) -> None:
    """Called as the report ends, in its transaction."""
    now = utcnow()
    rows = [dict(report_id=report.id, user_id=user_id, marketplace_id=report.marketplace_id, role=role,
                 booking_id=report.booking_id, resolution=report.resolution, marked_at=now)
            for user_id, role in marked_parties(report)]
    if rows:
        await session.exec(insert(DisputedMark).values(rows).on_conflict_do_nothing())
