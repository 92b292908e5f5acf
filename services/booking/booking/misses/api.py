"""MS-2: the provider settles their missed lesson on their own (staff may do it for them). The student
gets 403; another provider's booking is 404 (PL-2); a lesson not missed, or a miss resolved already,
409. Accepts If-Match (bookings.preconditions) and Idempotency-Key."""

from fastapi import APIRouter

from booking.answers import BOOKING_NOT_FOUND
from booking.bookings.preconditions import IfMatch, booking_to_change
from booking.bookings.schemas import BookingOut
from booking.misses.problems import MissAlreadyResolved, NotMissed, require_unresolved_miss
from booking.misses.remedies import MissRemedy
from booking.misses.resolving import resolve_miss
from booking.misses.schemas import MissResolutionIn
from booking.roles import ProviderOrStaffIdentity
from shared.http import UoW
from shared.openapi import problem_answers

router = APIRouter(prefix="/v1/bookings/{booking_id}", tags=["missed lessons"])


@router.post("/miss-resolution", summary="Provider or staff: resolve a missed lesson with a promo code or a "
                                         "refund as credits (booking.miss_resolved.v1)",
             responses=problem_answers(BOOKING_NOT_FOUND, NotMissed, MissAlreadyResolved))
async def resolve_missed_lesson(booking_id: str, body: MissResolutionIn, resolver: ProviderOrStaffIdentity,
                                uow: UoW, if_match: IfMatch = None) -> BookingOut:
    async with booking_to_change(uow, resolver, booking_id, if_match) as booking:
        require_unresolved_miss(booking)
        await resolve_miss(uow, booking, MissRemedy(body.remedy), resolver.role.value, resolver.user_id)
    await uow.commit()
    return BookingOut.of(booking)
