from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Query

from booking.answers import OFFERING_NOT_FOUND
from booking.availability.schedule import query_window
from booking.availability.schemas import SlotOut, SlotsOut
from booking.availability.store import load_schedule
from booking.clock import utcnow
from booking.offerings.catalog import find_offering
from booking.providers.profiles import find_provider
from shared.auth import CurrentIdentity
from shared.http import UoW
from shared.openapi import problem_answers
from shared.timestamps import Timestamp

router = APIRouter(prefix="/v1", tags=["availability"])

_WITH_OFFSET = "RFC 3339 with an offset, between 2000 and 2099, e.g. 2026-03-30T00:00:00Z"


@router.get("/slots", summary="Bookable slots of an offering, starting within [from, to) (at most 31 days)",
            responses=problem_answers(OFFERING_NOT_FOUND, (422, "`invalid-slot-range`: `to` is not after `from`"),
                                      (422, "`slot-range-too-long`: The range is over 31 days")))
async def get_slots(offering_id: str, identity: CurrentIdentity, uow: UoW,
                    start: Annotated[Timestamp, Query(alias="from", description=_WITH_OFFSET)],
                    end: Annotated[Timestamp, Query(alias="to", description=_WITH_OFFSET)]) -> SlotsOut:
    within = query_window(start, end)
    offering = await find_offering(uow.session, identity.marketplace_id, offering_id)
    provider = await find_provider(uow.session, identity.marketplace_id, offering.provider_id)
    duration = timedelta(minutes=offering.duration_minutes)
    bookable = provider.standing.bookable and offering.active
    slots = []
    if bookable:
        schedule = await load_schedule(uow.session, provider.marketplace_id, provider.id, provider.timezone, within,
                                       duration)
        slots = schedule.bookable(duration, within, utcnow())
    return SlotsOut(offering_id=offering.id, provider_id=provider.id, timezone=provider.timezone, bookable=bookable,
                    slots=[SlotOut(starts_at=s.starts_at, ends_at=s.ends_at, local_starts_at=s.local_starts_at,
                                   local_ends_at=s.local_ends_at) for s in slots])
