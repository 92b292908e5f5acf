from disputes.misses.settling import settle_miss
from shared.events import Envelope, MissResolved
from shared.messaging.handlers import HandlerRegistry
from shared.unit_of_work import UnitOfWork

handlers = HandlerRegistry()


@handlers.on(MissResolved.event_type)
async def miss_resolved(event: Envelope[MissResolved], uow: UnitOfWork) -> None:
    await settle_miss(uow, event.marketplace, event.data)
