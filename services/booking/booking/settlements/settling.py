"""DS-1, DS-3: a report ended with a refund to the student or a split, agreed by the parties or
decided by staff. Booking announces the money once per report (`booking.dispute_settled.v1`: the
refund as credits, what the provider keeps less the platform fee of the booking's terms) and puts the
lesson in its final `settled` state: never confirmed automatically, never paid as delivered after.

Nothing moves when the lesson's money went already: its miss was resolved by a remedy (the wallet
carried out booking.miss_resolved), or the lesson is cancelled, settled or missed. The timeline says
why instead."""

from booking.bookings.changes import change_status
from booking.bookings.deadlines import AUTO_CONFIRM
from booking.bookings.lifecycle import BookingStatus, Step, can
from booking.bookings.models import Booking
from booking.misses.remedies import MissRemedy
from booking.misses.resolving import settled_by_report
from booking.settlements.split import settles, split_price
from booking.timeline.recorder import record
from shared.events import DisputeSettled, Money, ReportResolved
from shared.unit_of_work import UnitOfWork


async def settle_dispute(uow: UnitOfWork, booking: Booking, resolved: ReportResolved) -> None:
    if not settles(resolved.resolution, resolved.decided_by):
        return
    if why := _why_no_money_moves(booking):
        await record(uow.session, marketplace_id=booking.marketplace_id, booking_id=booking.id,
                     type="booking.dispute_not_settled", summary=f"The report's resolution moves no money here: {why}.",
                     data={"report_id": resolved.report_id, "resolution": resolved.resolution})
        return
    split = split_price(resolved.resolution, resolved.refund_minor, booking.price_amount_minor)
    await change_status(uow.session, booking, Step.DISPUTE_SETTLED,
                        f"Settled by the report's resolution ({resolved.resolution.replace('_', ' ')}, decided by "
                        f"{resolved.decided_by}): {split.refund_minor} back to the student, "
                        f"{split.provider_keeps_minor} to the provider.", report_id=resolved.report_id,
                        refund_minor=split.refund_minor, provider_keeps_minor=split.provider_keeps_minor)
    booking.status_reason = f"{resolved.resolution} decided by {resolved.decided_by}"
    await uow.cancel_timer(AUTO_CONFIRM, booking.id)
    if booking.miss_unresolved:  # another report's resolution decided the missed lesson's money (DS-3: final)
        await settled_by_report(uow, booking, resolved.resolution, resolved.decided_by)

    def money(amount_minor: int) -> Money:
        return Money(amount_minor=amount_minor, currency=booking.price_currency)

    uow.emit(DisputeSettled(booking_id=booking.id, student_id=booking.student_id, provider_id=booking.provider_id,
                            report_id=resolved.report_id, resolution=resolved.resolution,
                            refund=money(split.refund_minor), provider_keeps=money(split.provider_keeps_minor),
                            platform_fee_bps=booking.policy.platform_fee_bps),
             marketplace=booking.marketplace_id, subject=booking.subject)


def _why_no_money_moves(booking: Booking) -> str | None:
    if booking.miss_remedy not in (None, MissRemedy.REPORT):
        return f"its miss was resolved already ({booking.miss_remedy.replace('_', ' ')})"
    if not can(BookingStatus(booking.status), Step.DISPUTE_SETTLED):
        return f"the booking is {booking.status}"
    return None
