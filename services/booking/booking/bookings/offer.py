"""What booking a lesson needs to know of its offering, in one statement: the offering, its
provider's zone and standing, and the marketplace's policy; the provider's row locked for the
booking's insert (see slot_hold). When the statement finds nothing, the usual lookups say what is
missing (marketplace, offering or provider), each with its own problem."""

from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from booking.marketplaces.lookup import require_marketplace
from booking.offerings.catalog import find_offering
from booking.policies.overrides import apply_overrides, effective_policy
from booking.policies.terms import PolicyTerms
from booking.providers.profiles import find_provider
from booking.providers.standing import Standing
from shared.database import driver_connection
from shared.errors import NotFound

_OFFER = """
    SELECT m.policy_preset, m.policy_overrides AS marketplace_overrides,
           o.provider_id, o.title, o.kind, o.duration_minutes, o.price_amount_minor, o.price_currency,
           o.policy_overrides AS offering_overrides, o.active,
           p.timezone, p.status AS provider_status, p.paused_by
    FROM marketplaces m
    JOIN offerings o ON o.marketplace_id = m.id AND o.id = $2
    JOIN providers p ON p.marketplace_id = o.marketplace_id AND p.id = o.provider_id
    WHERE m.id = $1
    FOR UPDATE OF p"""


@dataclass(frozen=True)
class Offer:
    marketplace_id: str
    offering_id: str
    provider_id: str
    title: str
    kind: str
    duration_minutes: int
    price_amount_minor: int
    price_currency: str
    active: bool
    provider_timezone: str
    provider_standing: Standing
    policy_preset: str
    marketplace_overrides: dict
    offering_overrides: dict

    def terms(self) -> PolicyTerms:
        """The marketplace's policy with the offering's overrides: what a booking of it keeps (BK-6)."""
        marketplace_terms = effective_policy(self.policy_preset, self.marketplace_overrides).terms
        return apply_overrides(marketplace_terms, self.offering_overrides).terms


async def offer_to_book(session: AsyncSession, marketplace_id: str, offering_id: str) -> Offer:
    conn = await driver_connection(session)
    row = await conn.fetchrow(_OFFER, marketplace_id, offering_id)
    if row is None:
        await _require_parts(session, marketplace_id, offering_id)
    return Offer(
        marketplace_id=marketplace_id, offering_id=offering_id, provider_id=row["provider_id"], title=row["title"],
        kind=row["kind"], duration_minutes=row["duration_minutes"], price_amount_minor=row["price_amount_minor"],
        price_currency=row["price_currency"], active=row["active"], provider_timezone=row["timezone"],
        provider_standing=Standing.of(row["provider_status"], row["paused_by"]), policy_preset=row["policy_preset"],
        marketplace_overrides=row["marketplace_overrides"], offering_overrides=row["offering_overrides"])


async def _require_parts(session: AsyncSession, marketplace_id: str, offering_id: str) -> None:
    await require_marketplace(session, marketplace_id)
    offering = await find_offering(session, marketplace_id, offering_id)
    await find_provider(session, marketplace_id, offering.provider_id)
    # All there now: created since the statement above looked.
    raise NotFound(f"No offering '{offering_id}' here.", slug="offering-not-found")
