"""Answering a reschedule request (RS-2): the provider approves or declines a student's request;
the student picks a new time from the provider's slots, or declines. Every answer is given under
the booking's row lock, so of two answers to one request the second finds it closed."""

from datetime import datetime

from booking.bookings.models import Booking
from booking.rescheduling import events
from booking.rescheduling.closing import LAPSE
from booking.rescheduling.lifecycle import Party, RequestStatus, after_approval, require_turn
from booking.rescheduling.models import RescheduleRequest
from booking.rescheduling.moving import free_slot, move, require_movable
from booking.timeline.recorder import record
from shared.unit_of_work import UnitOfWork


async def approve(uow: UnitOfWork, booking: Booking, request: RescheduleRequest,
                  proposal: datetime | None) -> None:
    require_turn(request.request_status, "provider")
    require_movable(booking)
    status, starts_at = after_approval(request.proposed_starts_at, proposal)
    if status is RequestStatus.AGREED:
        return await _agree(uow, booking, request, starts_at)
    if proposal is not None:
        await free_slot(uow.session, booking, proposal)
    request.proposed_starts_at = starts_at
    request.advance(status)
    uow.session.add(request)
    await record(uow.session, marketplace_id=booking.marketplace_id, booking_id=booking.id,
                 type="booking.reschedule_approved", summary="The provider agreed to move the lesson; the student "
                                                             "picks the new time.",
                 data={"request_id": request.id, "proposed_starts_at": starts_at.isoformat() if starts_at else None})
    uow.emit(events.approved(booking, request), marketplace=booking.marketplace_id, subject=booking.subject)


async def pick(uow: UnitOfWork, booking: Booking, request: RescheduleRequest, starts_at: datetime) -> None:
    require_turn(request.request_status, "student")
    require_movable(booking)
    await _agree(uow, booking, request, starts_at)


async def decline(uow: UnitOfWork, booking: Booking, request: RescheduleRequest, party: Party,
                  reason: str | None) -> None:
    require_turn(request.request_status, party)
    request.answer_reason = reason
    request.advance(RequestStatus.DECLINED)
    uow.session.add(request)
    await uow.cancel_timer(LAPSE, booking.id)
    await record(uow.session, marketplace_id=booking.marketplace_id, booking_id=booking.id,
                 type="booking.reschedule_declined", summary=f"The {party} declined to move the lesson.",
                 data={"request_id": request.id, "declined_by": party, "reason": reason})
    uow.emit(events.declined(booking, request, party), marketplace=booking.marketplace_id, subject=booking.subject)


async def _agree(uow: UnitOfWork, booking: Booking, request: RescheduleRequest, starts_at: datetime) -> None:
    await move(uow, booking, starts_at, how="request", initiated_by=request.asked_by, request_id=request.id)
    request.agreed_starts_at = booking.starts_at
    request.advance(RequestStatus.AGREED)
    uow.session.add(request)
    await uow.cancel_timer(LAPSE, booking.id)
