"""Asking to move a lesson (RS-1, RS-2): either party, with a reason, before the lesson starts;
after the start the answer points to the promo-code path instead. One open request per booking."""

from datetime import datetime

from sqlalchemy.exc import IntegrityError

from booking.bookings.models import Booking
from booking.rescheduling import events
from booking.rescheduling.closing import LAPSE
from booking.rescheduling.lifecycle import Party, first_status
from booking.rescheduling.models import RescheduleRequest
from booking.rescheduling.moving import free_slot, require_movable
from booking.rescheduling.queries import open_request
from booking.rescheduling.schemas import RescheduleAsk
from booking.timeline.recorder import record
from shared.auth import Identity
from shared.errors import Conflict
from shared.unit_of_work import UnitOfWork


class RequestAlreadyOpen(Conflict):
    slug, title = "reschedule-request-open", "A reschedule request is open already"

    def __init__(self, request_id: str | None):
        super().__init__("This booking has an open reschedule request; answer or wait for it first.",
                         open_request_id=request_id)


async def ask(uow: UnitOfWork, booking: Booking, asker: Identity, request: RescheduleAsk) -> RescheduleRequest:
    require_movable(booking)
    if (already := await open_request(uow.session, booking)) is not None:
        raise RequestAlreadyOpen(already.id)
    if request.proposed_starts_at is not None:
        await free_slot(uow.session, booking, request.proposed_starts_at)
    party: Party = asker.role.value
    asked = RescheduleRequest(marketplace_id=booking.marketplace_id, booking_id=booking.id, asked_by=party,
                              asked_by_user=asker.user_id, reason=request.reason, status=first_status(party).value,
                              lesson_starts_at=booking.starts_at, proposed_starts_at=request.proposed_starts_at)
    uow.session.add(asked)
    try:
        await uow.session.flush()
    except IntegrityError:
        raise RequestAlreadyOpen(None) from None  # the database's one-open-request index, should a race slip by
    await uow.schedule(LAPSE, booking.id, booking.starts_at, marketplace=booking.marketplace_id)
    await record(uow.session, marketplace_id=booking.marketplace_id, booking_id=booking.id,
                 type="booking.reschedule_requested", summary=f"The {party} asked to move the lesson: {request.reason}",
                 data={"request_id": asked.id, "asked_by": party,
                       "proposed_starts_at": _iso(request.proposed_starts_at)})
    uow.emit(events.requested(booking, asked), marketplace=booking.marketplace_id, subject=booking.subject)
    return asked


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None
