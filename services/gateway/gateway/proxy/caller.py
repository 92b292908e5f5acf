"""Who may call through the gateway: a live API key and a user token of the same marketplace."""

from typing import Annotated

from fastapi import Depends

from gateway.api_keys.authentication import PartnerMarketplace
from shared.auth import CurrentIdentity, Identity
from shared.errors import Forbidden


async def partner_user(marketplace_id: PartnerMarketplace, identity: CurrentIdentity) -> Identity:
    # The services verify the token again; checking here too keeps one partner's key from carrying
    # another marketplace's users (PL-1) and turns bad calls away before they cost a service anything.
    if identity.marketplace_id != marketplace_id:
        raise Forbidden("The user token belongs to another marketplace than the API key.",
                        slug="marketplace-mismatch")
    return identity


PartnerUser = Annotated[Identity, Depends(partner_user)]
