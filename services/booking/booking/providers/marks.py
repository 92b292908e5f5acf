"""DS-2 for the provider's record (PS-2): booking keeps the marks of the reports it follows (disputes
keeps them for both parties too; booking counts the provider's). Every ending but a reschedule gives
a mark, once per report (the caller applies each resolution once; the table's unique key backs it)."""

from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from booking.bookings.models import Booking
from booking.providers.models import DisputedMark
from shared.events import ReportResolved


def gives_mark(resolution: str) -> bool:
    return resolution != "reschedule"


def record_mark(session: AsyncSession, booking: Booking, resolved: ReportResolved, at: datetime) -> None:
    if gives_mark(resolved.resolution):
        session.add(DisputedMark(marketplace_id=booking.marketplace_id, report_id=resolved.report_id,
                                 booking_id=booking.id, provider_id=booking.provider_id,
                                 student_id=booking.student_id, resolution=resolved.resolution,
                                 decided_by=resolved.decided_by, at=at))
