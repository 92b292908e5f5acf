"""What the parties do to a booking: the provider accepts or declines it, the student confirms
the lesson took place. Someone else's booking is 404 (PL-2); a wrong state is 409 naming it."""

from fastapi import APIRouter

from booking.answers import BOOKING_NOT_FOUND
from booking.bookings.acceptance import accept, decline
from booking.bookings.delivery import LessonNotEnded, deliver
from booking.bookings.lifecycle import BookingStateConflict
from booking.bookings.preconditions import booking_to_change
from booking.bookings.schemas import BookingOut
from booking.roles import ProviderIdentity, StudentIdentity
from shared.http import UoW
from shared.openapi import problem_answers

router = APIRouter(prefix="/v1/bookings", tags=["bookings"])


@router.post("/{booking_id}/accept", summary="Provider: accept a paid booking awaiting acceptance",
             responses=problem_answers(BOOKING_NOT_FOUND, BookingStateConflict))
async def accept_booking(booking_id: str, provider: ProviderIdentity, uow: UoW) -> BookingOut:
    async with booking_to_change(uow, provider, booking_id) as booking:
        await accept(uow, booking)
    await uow.commit()
    return BookingOut.of(booking)


@router.post("/{booking_id}/decline", summary="Provider: decline a booking; the student is refunded in full",
             responses=problem_answers(BOOKING_NOT_FOUND, BookingStateConflict))
async def decline_booking(booking_id: str, provider: ProviderIdentity, uow: UoW) -> BookingOut:
    async with booking_to_change(uow, provider, booking_id) as booking:
        await decline(uow, booking, "declined")
    await uow.commit()
    return BookingOut.of(booking)


@router.post("/{booking_id}/confirm-delivery", summary="Student: confirm the lesson took place (after its end)",
             responses=problem_answers(BOOKING_NOT_FOUND, BookingStateConflict, LessonNotEnded))
async def confirm_delivery(booking_id: str, student: StudentIdentity, uow: UoW) -> BookingOut:
    async with booking_to_change(uow, student, booking_id) as booking:
        await deliver(uow, booking, confirmed_by="student")
    await uow.commit()
    return BookingOut.of(booking)
