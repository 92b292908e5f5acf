from notifications.marketplaces.policy import from_overrides
from shared.events import Envelope, MarketplaceRegistered
from shared.messaging.handlers import HandlerRegistry
from shared.unit_of_work import UnitOfWork

handlers = HandlerRegistry()


@handlers.on(MarketplaceRegistered.event_type)
async def record_policy(event: Envelope[MarketplaceRegistered], uow: UnitOfWork) -> None:
    await uow.session.merge(from_overrides(event.data.marketplace_id, event.data.policy_overrides))
