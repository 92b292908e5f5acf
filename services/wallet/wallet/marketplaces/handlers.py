from shared.database import driver_connection
from shared.events import Envelope, MarketplaceRegistered
from shared.messaging.handlers import HandlerRegistry
from shared.unit_of_work import UnitOfWork

handlers = HandlerRegistry()

# A redelivered (or re-announced) registration writes the same row again: harmless.
_REMEMBER = (
    "INSERT INTO marketplace_currencies (marketplace_id, currencies) VALUES ($1, $2)"
    " ON CONFLICT (marketplace_id) DO UPDATE SET currencies = excluded.currencies"
)


@handlers.on(MarketplaceRegistered.event_type)
async def remember_accepted_currencies(event: Envelope[MarketplaceRegistered], uow: UnitOfWork) -> None:
    marketplace = event.data
    await (await driver_connection(uow.session)).execute(_REMEMBER, marketplace.marketplace_id,
                                                         marketplace.currencies)
