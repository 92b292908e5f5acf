"""An exception to the notice window (CX-1): after a cancellation that left the payment with the
provider, the provider (or staff for them) gives some or all of it back, until the cancellation
settles. Each exception is its own decision, refunded once; together they never pass the price."""

from booking.bookings.lifecycle import BookingStatus
from booking.bookings.models import Booking
from booking.cancellations import events
from booking.cancellations.decisions import decide_refund
from booking.cancellations.policy import exception_amount
from booking.cancellations.queries import cancellation_of
from booking.cancellations.schemas import ExceptionIn
from shared.auth import Identity
from shared.errors import Conflict
from shared.unit_of_work import UnitOfWork


class NothingToGiveBack(Conflict):
    slug, title = "nothing-to-refund", "Nothing left to refund"


async def grant_exception(uow: UnitOfWork, booking: Booking, granter: Identity, order: ExceptionIn) -> None:
    if booking.status != BookingStatus.CANCELLED:
        raise Conflict(f"The booking is {booking.status}; refund exceptions follow a cancellation.",
                       slug="booking-not-cancelled", current_status=booking.status)
    cancellation = await cancellation_of(uow.session, booking, for_update=True)
    if cancellation.settled_at is not None:
        raise NothingToGiveBack("The cancellation settled: what the provider kept is theirs and no longer "
                                "refundable here.", slug="cancellation-settled")
    if not cancellation.remaining_minor:
        raise NothingToGiveBack("The student was refunded the full price already.")
    amount = exception_amount(cancellation.remaining_minor, order.refund.choice)
    decision = await decide_refund(uow, booking, cancellation, amount, "credits", granter.role.value,
                                   granter.user_id, "exception", order.reason)
    uow.emit(events.exception_granted(booking, decision), marketplace=booking.marketplace_id,
             subject=booking.subject)
