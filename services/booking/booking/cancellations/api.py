"""Cancelling lessons (CX-1 to CX-3) and refund exceptions. Someone else's booking is 404, a wrong
role 403 (and an initial session cancelled by anyone but staff, where the terms say so); a wrong
state 409 naming it. Each accepts If-Match (see bookings.preconditions) and Idempotency-Key."""

from fastapi import APIRouter

from booking.answers import BOOKING_NOT_FOUND
from booking.bookings.access import visible_booking
from booking.bookings.lifecycle import BookingStateConflict
from booking.bookings.preconditions import IfMatch, booking_to_change
from booking.bookings.schemas import BookingOut
from booking.bookings.start import LessonStarted
from booking.cancellations.alternatives import attached, candidates
from booking.cancellations.cancelling import cancel
from booking.cancellations.initial import InitialSessionStaffOnly
from booking.cancellations.queries import cancellation_of, decisions_of
from booking.cancellations.refund_exceptions import NothingToGiveBack, grant_exception
from booking.cancellations.schemas import AlternativeOut, CancelIn, CancellationOut, ExceptionIn, StaffCancelIn
from booking.clock import utcnow
from booking.roles import PartyIdentity, ProviderOrStaffIdentity
from shared.auth import CurrentIdentity, StaffIdentity
from shared.http import UoW
from shared.openapi import problem_answers

router = APIRouter(prefix="/v1/bookings/{booking_id}", tags=["cancelling"])


@router.post("/cancel", summary="Student or provider: cancel the lesson before it starts",
             responses=problem_answers(BOOKING_NOT_FOUND, InitialSessionStaffOnly, LessonStarted,
                                       BookingStateConflict))
async def cancel_booking(booking_id: str, body: CancelIn, party: PartyIdentity, uow: UoW,
                         if_match: IfMatch = None) -> BookingOut:
    async with booking_to_change(uow, party, booking_id, if_match) as booking:
        await cancel(uow, booking, party, body)
    await uow.commit()
    return BookingOut.of(booking)


@router.post("/staff-cancel", summary="Staff: cancel any lesson, initial sessions included (CX-3)",
             responses=problem_answers(BOOKING_NOT_FOUND, LessonStarted, BookingStateConflict,
                                       (422, "`invalid-alternative-provider`: An alternative provider named "
                                             "can't take the lesson")))
async def staff_cancel_booking(booking_id: str, body: StaffCancelIn, staff: StaffIdentity, uow: UoW,
                               if_match: IfMatch = None) -> BookingOut:
    async with booking_to_change(uow, staff, booking_id, if_match) as booking:
        await cancel(uow, booking, staff, body)
    await uow.commit()
    return BookingOut.of(booking)


@router.post("/refund-exceptions", summary="Provider or staff: give back some or all of what the provider kept",
             responses=problem_answers(BOOKING_NOT_FOUND, (409, "`booking-not-cancelled`: The booking is not "
                                                                "cancelled"), NothingToGiveBack))
async def post_refund_exception(booking_id: str, body: ExceptionIn, granter: ProviderOrStaffIdentity, uow: UoW,
                                if_match: IfMatch = None) -> CancellationOut:
    async with booking_to_change(uow, granter, booking_id, if_match) as booking:
        await grant_exception(uow, booking, granter, body)
    await uow.commit()
    return await _cancellation_out(uow, booking)


@router.get("/cancellation", summary="Why and by whom the lesson was cancelled, its refunds, and the alternative "
                                     "providers staff suggest",
            responses=problem_answers(BOOKING_NOT_FOUND, (404, "`cancellation-not-found`: The booking was not "
                                                               "cancelled")))
async def get_cancellation(booking_id: str, identity: CurrentIdentity, uow: UoW) -> CancellationOut:
    return await _cancellation_out(uow, await visible_booking(uow.session, identity, booking_id))


@router.get("/alternative-providers", summary="Staff: providers of the same kind of lesson with a free slot in "
                                              "the next 14 days", responses=problem_answers(BOOKING_NOT_FOUND))
async def get_alternatives(booking_id: str, staff: StaffIdentity, uow: UoW) -> list[AlternativeOut]:
    booking = await visible_booking(uow.session, staff, booking_id)
    return [AlternativeOut(provider_id=p.id, display_name=p.display_name, first_free_slot=first)
            for p, first in await candidates(uow.session, booking, utcnow())]


async def _cancellation_out(uow: UoW, booking) -> CancellationOut:
    cancellation = await cancellation_of(uow.session, booking)
    alternatives = await attached(uow.session, booking, cancellation.alternative_provider_ids, utcnow())
    return CancellationOut.of(cancellation, await decisions_of(uow.session, booking), [
        AlternativeOut(provider_id=p.id, display_name=p.display_name, first_free_slot=first)
        for p, first in alternatives])
