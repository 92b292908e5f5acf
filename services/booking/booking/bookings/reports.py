"""Disputes' problem reports, as they concern the booking (MS-1, MS-4).

- While a report is open (or escalated), the lesson is not confirmed automatically: the booking
  records the open report and the auto-confirm timer, finding it, does nothing. When the report is
  resolved with the full price to the provider, the timer is set again, due at once if its deadline
  passed meanwhile. Any other resolution (a refund, a split, a reschedule) is not followed by an
  automatic confirmation, which would pay the provider in full: the price stays in escrow for the
  resolution's own money step. Booking records every resolution on the timeline.
- The student may still confirm the lesson while a report is open: their confirmation says the
  lesson took place, whoever reported what (the report itself goes on in disputes).
- A provider_absent report, by either party, makes the lesson missed: once per booking, whatever
  is redelivered or announced again, `booking.lesson_missed.v1`, on which the missed-lesson flow
  (promo code, refunds, standing) acts, and the provider's grace period starts (booking.misses).
- A resolution of the missed lesson's report by the parties or staff settles the miss (no platform
  refund, no strike); a refund or a split by them settles the lesson's money (booking.settlements).
  Every resolution but a reschedule gives the provider a disputed mark (DS-2, providers.marks).

Every fact is applied once per report id (re-announcements under a new event id included) and in
any order: a resolution that arrives before its report leaves nothing open.
"""

from datetime import datetime

from booking.bookings.changes import touch
from booking.bookings.deadlines import AUTO_CONFIRM, auto_confirm_at
from booking.bookings.lifecycle import BookingStatus, Step, can
from booking.bookings.models import Booking
from booking.clock import utcnow
from booking.misses.grace import start_grace_period
from booking.misses.remedies import SETTLED_BY_REPORT
from booking.misses.resolving import settled_by_report
from booking.providers.marks import record_mark
from booking.settlements.settling import settle_dispute
from booking.timeline.recorder import entries, has_entry, record, record_event
from shared.events import Envelope, LessonMissed, ProblemReported, ReportResolved
from shared.unit_of_work import UnitOfWork

REPORTED = "disputes.problem_reported"
RESOLVED = "disputes.report_resolved"
MISSED = "booking.lesson_missed"
# A lesson that stood: only such a lesson can have been missed.
_STOOD = frozenset({BookingStatus.CONFIRMED, BookingStatus.DELIVERED})


async def _record(uow: UnitOfWork, booking: Booking, event: Envelope, summary: str) -> None:
    await record_event(uow.session, booking, event, summary)


async def problem_reported(uow: UnitOfWork, booking: Booking, event: Envelope[ProblemReported]) -> None:
    report = event.data
    known = await entries(uow.session, booking, (REPORTED, RESOLVED), report_id=report.report_id)
    if REPORTED in known:
        return  # the same report announced again under a new event id
    await _record(uow, booking, event,
                  f"The {report.reporter_role} reported a problem: {report.kind.replace('_', ' ')}.")
    resolved = known.get(RESOLVED)
    if resolved is None:
        booking.open_report_id = report.report_id
        touch(booking)
    if report.kind == "provider_absent":
        await missed(uow, booking, report, resolved)


async def missed(uow: UnitOfWork, booking: Booking, report: ProblemReported, resolved: dict | None) -> None:
    """`resolved`: the report's resolution, when it arrived first."""
    if booking.missed_report_id is not None or BookingStatus(booking.status) not in _STOOD:
        return  # missed once per booking; a lesson that never stood can't be missed
    booking.missed_report_id, booking.missed_reported_by = report.report_id, report.reporter_role
    booking.missed_at = report.reported_at
    touch(booking)
    by = "The provider declared their own miss" if report.reporter_role == "provider" else \
        "The student reported the provider absent"
    await record(uow.session, marketplace_id=booking.marketplace_id, booking_id=booking.id, type=MISSED,
                 summary=f"{by}: the lesson was missed.",
                 data={"report_id": report.report_id, "reported_by_role": report.reporter_role,
                       "missed_at": report.reported_at.isoformat()})
    uow.emit(LessonMissed(booking_id=booking.id, student_id=booking.student_id, provider_id=booking.provider_id,
                          report_id=report.report_id, reported_by_role=report.reporter_role, price=booking.price,
                          missed_at=report.reported_at),
             marketplace=booking.marketplace_id, subject=booking.subject)
    if resolved is not None and resolved["decided_by"] in SETTLED_BY_REPORT:
        await settled_by_report(uow, booking, resolved["resolution"], resolved["decided_by"])
    else:
        await start_grace_period(uow, booking)


# The resolutions after which delivering the lesson (and paying its full price) is right.
PAYS_PROVIDER_IN_FULL = frozenset({"full_payment_to_provider"})


async def report_resolved(uow: UnitOfWork, booking: Booking, event: Envelope[ReportResolved]) -> None:
    resolved = event.data
    if await has_entry(uow.session, booking, RESOLVED, report_id=resolved.report_id):
        return
    await _record(uow, booking, event, f"The report was resolved ({resolved.resolution.replace('_', ' ')}, "
                                       f"decided by {resolved.decided_by}).")
    record_mark(uow.session, booking, resolved, event.time)
    if resolved.report_id == booking.missed_report_id and booking.miss_unresolved \
            and resolved.decided_by in SETTLED_BY_REPORT:
        await settled_by_report(uow, booking, resolved.resolution, resolved.decided_by)
    await settle_dispute(uow, booking, resolved)
    if booking.open_report_id != resolved.report_id:
        return  # never opened here (it arrived first), or a later report is the open one
    booking.open_report_id = None
    touch(booking)
    if resolved.resolution in PAYS_PROVIDER_IN_FULL and can(BookingStatus(booking.status), Step.AUTO_CONFIRMED):
        await uow.schedule(AUTO_CONFIRM, booking.id, auto_confirm_due(booking, utcnow()),
                           marketplace=booking.marketplace_id)


def auto_confirm_due(booking: Booking, now: datetime) -> datetime:
    """The booking's own deadline (BK-6), or now when it passed while the report was open."""
    return max(auto_confirm_at(booking), now)


def held_by_report(booking: Booking) -> bool:
    return booking.open_report_id is not None
