from shared.events import Envelope, MarketplaceRegistered
from shared.messaging.handlers import HandlerRegistry
from shared.unit_of_work import UnitOfWork

from booking.marketplaces.models import Marketplace

handlers = HandlerRegistry()


@handlers.on(MarketplaceRegistered.event_type)
async def record_marketplace(event: Envelope[MarketplaceRegistered], uow: UnitOfWork) -> None:
    data = event.data
    await uow.session.merge(Marketplace(id=data.marketplace_id, name=data.name, policy_preset=data.policy_preset,
                                        policy_overrides=data.policy_overrides))
