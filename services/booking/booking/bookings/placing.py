"""A student books a slot (BK-1). The slot is held by the database's exclusion constraint: of
concurrent requests for one slot exactly one insert succeeds, the others get 'slot-taken', and only
the winner's BookingRequested reaches the outbox, so no money moves for the others. The time other
bookings hold is the constraint's alone to decide, at the insert: it sees the racing ones too.
Everything else that stops a booking (the offering, the provider's standing, their hours and blocks,
the slot's grid and start) is checked before, each with its own problem."""

from datetime import timedelta

from booking.availability.problems import ProviderNotBookable
from booking.availability.slots import Interval
from booking.availability.store import load_schedule
from booking.bookings import events, store
from booking.bookings.access import changing
from booking.bookings.deadlines import PAYMENT_TIMEOUT, payment_deadline
from booking.bookings.models import Booking
from booking.bookings.offer import offer_to_book
from booking.bookings.schemas import BookingIn
from booking.clock import utcnow
from booking.timeline.recorder import record
from shared.auth import Identity
from shared.errors import Conflict
from shared.unit_of_work import UnitOfWork


async def place_booking(uow: UnitOfWork, student: Identity, request: BookingIn) -> Booking:
    session = uow.session
    offer = await offer_to_book(session, student.marketplace_id, request.offering_id)
    if not offer.active:
        raise Conflict("The provider has withdrawn this offering.", slug="offering-withdrawn")
    if not offer.provider_standing.bookable:
        raise ProviderNotBookable(offer.provider_standing.status.value)
    duration = timedelta(minutes=offer.duration_minutes)
    schedule = await load_schedule(session, offer.marketplace_id, offer.provider_id, offer.provider_timezone,
                                   Interval(request.starts_at, request.starts_at), duration, booked=False)
    slot = schedule.slot_at(request.starts_at, duration, utcnow())

    booking = store.new_booking(
        marketplace_id=student.marketplace_id, student_id=student.user_id, provider_id=offer.provider_id,
        provider_timezone=offer.provider_timezone, offering_id=offer.offering_id, offering_title=offer.title,
        kind=offer.kind, price_amount_minor=offer.price_amount_minor, price_currency=offer.price_currency,
        starts_at=slot.starts_at, ends_at=slot.ends_at, payment_method=request.payment.method,
        payment_method_id=request.payment.payment_method_id, promo_code=request.promo_code,
        terms=offer.terms().model_dump(mode="json"))
    async with changing(uow, booking, new=True):  # stored as it ends: the exclusion constraint decides there
        await record(session, marketplace_id=booking.marketplace_id, booking_id=booking.id,
                     type="booking.pending_payment",
                     summary="Booked; the slot is held while the wallet takes the payment.",
                     data={"starts_at": booking.starts_at.isoformat(), "payment_method": booking.payment_method,
                           "promo_code": booking.promo_code})
    uow.emit(events.requested(booking), marketplace=booking.marketplace_id, subject=booking.subject)
    await uow.schedule(PAYMENT_TIMEOUT, booking.id, payment_deadline(booking), marketplace=booking.marketplace_id)
    return booking
