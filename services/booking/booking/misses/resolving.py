"""Resolving a miss, once: the resolution is stored on the booking (remedy, by whom, when), the grace
timer stops, and the timeline says so.

A miss resolved by a remedy (the provider's, staff's, the platform's, or staff's card refund) ends
the lesson as `missed`: final, never confirmed automatically nor paid as delivered; the remedies
the wallet carries out are announced (`booking.miss_resolved.v1`, amount: the lesson's price). A
miss the report's own resolution settled (by the parties or staff) leaves the booking to that
resolution (settled, or delivered when the provider is paid in full)."""

from booking.bookings.changes import change_status, touch
from booking.bookings.deadlines import AUTO_CONFIRM
from booking.bookings.lifecycle import Step
from booking.bookings.models import Booking
from booking.clock import utcnow
from booking.misses.remedies import MISS_GRACE, MissRemedy, ResolvedBy, promo_expires_at
from booking.timeline.recorder import record
from shared.events import MissResolved
from shared.unit_of_work import UnitOfWork

_HOW = {MissRemedy.PROMO_CODE: "with a promo code for a replacement lesson",
        MissRemedy.CREDIT_REFUND: "with a refund as wallet credits",
        MissRemedy.PLATFORM_REFUND: "by the platform's refund, past the grace period",
        MissRemedy.CARD_REFUND: "by staff's refund to the card",
        MissRemedy.REPORT: "by the report's resolution"}


def _store(booking: Booking, remedy: MissRemedy, by: ResolvedBy, by_user: str | None) -> None:
    booking.miss_remedy, booking.miss_resolved_by, booking.miss_resolved_by_user = remedy.value, by, by_user
    booking.miss_resolved_at = utcnow()
    if remedy is MissRemedy.PROMO_CODE:
        booking.promo_expires_at = promo_expires_at(booking.miss_resolved_at, booking.policy)


async def resolve_miss(uow: UnitOfWork, booking: Booking, remedy: MissRemedy, by: ResolvedBy,
                       by_user: str | None = None) -> None:
    """The miss ends with `remedy`: the lesson is missed, for good. The caller checked it was unresolved."""
    _store(booking, remedy, by, by_user)
    for timer in (MISS_GRACE, AUTO_CONFIRM):
        await uow.cancel_timer(timer, booking.id)
    await change_status(uow.session, booking, Step.MISS_RESOLVED, f"The miss was resolved {_HOW[remedy]} ({by}).",
                        remedy=remedy.value, resolved_by=by, resolved_by_user=by_user,
                        promo_expires_at=booking.promo_expires_at.isoformat() if booking.promo_expires_at else None)
    if remedy.announced:
        uow.emit(MissResolved(
            booking_id=booking.id, student_id=booking.student_id, provider_id=booking.provider_id,
            report_id=booking.missed_report_id, remedy=remedy.value, resolved_by=by, amount=booking.price,
            resolved_at=booking.miss_resolved_at, promo_expires_at=booking.promo_expires_at),
            marketplace=booking.marketplace_id, subject=booking.subject)


async def settled_by_report(uow: UnitOfWork, booking: Booking, resolution: str, decided_by: ResolvedBy) -> None:
    """The parties or staff ended the missed lesson's report: no platform refund, no strike follows."""
    _store(booking, MissRemedy.REPORT, decided_by, None)
    await uow.cancel_timer(MISS_GRACE, booking.id)
    touch(booking)
    await record(uow.session, marketplace_id=booking.marketplace_id, booking_id=booking.id,
                 type="booking.miss_settled",
                 summary=f"The miss was settled {_HOW[MissRemedy.REPORT]} ({resolution.replace('_', ' ')}, decided "
                         f"by {decided_by}): the grace period stops.",
                 data={"resolution": resolution, "decided_by": decided_by})
