from notifications.marketplaces.policy import from_overrides
from notifications.marketplaces.store import save_policy
from shared.events import Envelope, MarketplaceRegistered
from shared.unit_of_work import UnitOfWork

POLICY_EVENTS = frozenset({MarketplaceRegistered.event_type})


async def record_policy(event: Envelope[MarketplaceRegistered], uow: UnitOfWork) -> None:
    if event.type in POLICY_EVENTS:
        await save_policy(uow, from_overrides(event.data.marketplace_id, event.data.policy_overrides))
