from booking.marketplaces.models import Marketplace
from booking.policies.overrides import effective_policy
from shared.events import Envelope, MarketplaceRegistered
from shared.messaging.handlers import HandlerRegistry
from shared.unit_of_work import UnitOfWork

handlers = HandlerRegistry()


@handlers.on(MarketplaceRegistered.event_type)
async def record_marketplace(event: Envelope[MarketplaceRegistered], uow: UnitOfWork) -> None:
    data = event.data
    # An unknown preset raises: the event goes to the dead-letter queue, visible, instead of a
    # marketplace running on a policy nobody chose. Unknown overrides are only logged (see overrides).
    effective_policy(data.policy_preset, data.policy_overrides)
    await uow.session.merge(Marketplace(id=data.marketplace_id, name=data.name, policy_preset=data.policy_preset,
                                        policy_overrides=data.policy_overrides, currencies=data.currencies))
