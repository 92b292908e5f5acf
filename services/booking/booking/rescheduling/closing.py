"""How an open request ends without an answer: it lapses when the lesson starts (a timer at the
start), or is superseded when the booking is cancelled or its time edited directly."""

from booking.bookings.models import Booking
from booking.rescheduling import events
from booking.rescheduling.lifecycle import RequestStatus
from booking.rescheduling.models import RescheduleRequest
from booking.rescheduling.queries import open_request
from booking.timeline.recorder import record
from shared.unit_of_work import UnitOfWork

# Keyed by booking: a booking has at most one open request.
LAPSE = "booking.reschedule_lapse"


async def lapse(uow: UnitOfWork, booking: Booking) -> None:
    request = await open_request(uow.session, booking)
    if request is None:
        return  # answered (or superseded) just before the timer fired
    await _close(uow, booking, request, RequestStatus.LAPSED,
                 "Nobody answered the reschedule request before the lesson started; the lesson stays where it was.")
    uow.emit(events.lapsed(booking, request), marketplace=booking.marketplace_id, subject=booking.subject)


async def supersede(uow: UnitOfWork, booking: Booking, why: str) -> None:
    request = await open_request(uow.session, booking)
    if request is not None:
        await _close(uow, booking, request, RequestStatus.SUPERSEDED, f"The open reschedule request was closed: {why}")
        await uow.cancel_timer(LAPSE, booking.id)


async def _close(uow: UnitOfWork, booking: Booking, request: RescheduleRequest, status: RequestStatus,
                 summary: str) -> None:
    request.advance(status)
    uow.session.add(request)
    await record(uow.session, marketplace_id=booking.marketplace_id, booking_id=booking.id,
                 type=f"booking.reschedule_{status}", summary=summary, data={"request_id": request.id})
