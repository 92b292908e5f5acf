"""A student books a slot (BK-1). The slot is held by the database's exclusion constraint: of
concurrent requests for one slot exactly one insert succeeds, the others get 'slot-taken', and only
the winner's BookingRequested reaches the outbox, so no money moves for the others."""

from datetime import timedelta

from booking.availability.problems import ProviderNotBookable
from booking.availability.slots import Interval
from booking.availability.store import load_schedule
from booking.bookings import events
from booking.bookings.deadlines import PAYMENT_TIMEOUT, payment_deadline
from booking.bookings.models import Booking
from booking.bookings.schemas import BookingIn
from booking.bookings.slot_hold import hold_slot
from booking.clock import utcnow
from booking.marketplaces.lookup import policy_of, require_marketplace
from booking.offerings.catalog import find_offering
from booking.policies.overrides import apply_overrides
from booking.providers.profiles import find_provider
from booking.timeline.recorder import record
from shared.auth import Identity
from shared.errors import Conflict
from shared.unit_of_work import UnitOfWork


async def place_booking(uow: UnitOfWork, student: Identity, request: BookingIn) -> Booking:
    session = uow.session
    marketplace = await require_marketplace(session, student.marketplace_id)
    offering = await find_offering(session, student.marketplace_id, request.offering_id)
    if not offering.active:
        raise Conflict("The provider has withdrawn this offering.", slug="offering-withdrawn")
    provider = await find_provider(session, student.marketplace_id, offering.provider_id, for_update=True)
    if not provider.standing.bookable:
        raise ProviderNotBookable(provider.status)
    duration = timedelta(minutes=offering.duration_minutes)
    schedule = await load_schedule(session, provider, Interval(request.starts_at, request.starts_at), duration)
    slot = schedule.slot_at(request.starts_at, duration, utcnow())

    booking = Booking(
        marketplace_id=student.marketplace_id, student_id=student.user_id, provider_id=provider.id,
        provider_timezone=provider.timezone, offering_id=offering.id, offering_title=offering.title,
        kind=offering.kind, price_amount_minor=offering.price_amount_minor, price_currency=offering.price_currency,
        starts_at=slot.starts_at, ends_at=slot.ends_at, payment_method=request.payment.method,
        payment_method_id=request.payment.payment_method_id, promo_code=request.promo_code,
        terms=apply_overrides(policy_of(marketplace).terms, offering.policy_overrides).terms.model_dump(mode="json"))
    session.add(booking)
    await hold_slot(session)  # the exclusion constraint decides here, waiting for a racing insert's outcome
    record(session, marketplace_id=booking.marketplace_id, booking_id=booking.id, type="booking.pending_payment",
           summary="Booked; the slot is held while the wallet takes the payment.",
           data={"starts_at": booking.starts_at.isoformat(), "payment_method": booking.payment_method,
                 "promo_code": booking.promo_code})
    uow.emit(events.requested(booking), marketplace=booking.marketplace_id, subject=booking.subject)
    await uow.schedule(PAYMENT_TIMEOUT, booking.id, payment_deadline(booking), marketplace=booking.marketplace_id)
    return booking

