import re
import secrets

from sqlalchemy.exc import IntegrityError

from gateway.marketplaces.models import Marketplace
from gateway.marketplaces.schemas import MarketplaceIn
from shared.errors import Conflict
from shared.events import MarketplaceRegistered
from shared.unit_of_work import UnitOfWork


async def register_marketplace(uow: UnitOfWork, request: MarketplaceIn) -> Marketplace:
    """Add the marketplace and announce it to the services, in the caller's transaction."""
    marketplace = Marketplace(id=request.id or new_marketplace_id(request.name), name=request.name,
                              policy_preset=request.policy_preset.value, policy_overrides=request.policy_overrides,
                              currencies=request.currencies)
    uow.session.add(marketplace)
    try:
        await uow.session.flush()
    except IntegrityError:
        raise Conflict(f"A marketplace with the id '{marketplace.id}' exists already.",
                       slug="marketplace-exists") from None
    uow.emit(MarketplaceRegistered(marketplace_id=marketplace.id, name=marketplace.name,
                                   policy_preset=marketplace.policy_preset,
                                   policy_overrides=marketplace.policy_overrides,
                                   currencies=marketplace.currencies),
             marketplace=marketplace.id, subject=marketplace.id)
    return marketplace


def new_marketplace_id(name: str) -> str:
    """A readable slug of the name; the random tail keeps two marketplaces of one name apart."""
    words = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:48].strip("-")
    return f"{words or 'marketplace'}-{secrets.token_hex(3)}"
