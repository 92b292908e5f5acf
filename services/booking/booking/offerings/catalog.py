"""A provider's offerings: created and changed by the provider, read by everyone in the marketplace."""

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from booking.clock import utcnow
from booking.marketplaces.models import Marketplace
from booking.offerings.models import Offering
from booking.offerings.schemas import OfferingChange, OfferingIn
from booking.providers.models import Provider
from shared.currencies import require_accepted
from shared.errors import NotFound, Unprocessable


async def find_offering(session: AsyncSession, marketplace_id: str, offering_id: str,
                        provider_id: str | None = None) -> Offering:
    """The offering, if it is in the marketplace (and the provider's, when given); else 404."""
    query = select(Offering).where(Offering.marketplace_id == marketplace_id, Offering.id == offering_id)
    if provider_id is not None:
        query = query.where(Offering.provider_id == provider_id)
    offering = (await session.exec(query)).first()
    if offering is None:
        raise NotFound(f"No offering '{offering_id}' here.", slug="offering-not-found")
    return offering


def create_offering(marketplace: Marketplace, provider: Provider, request: OfferingIn) -> Offering:
    _require_kind_of(provider, request.kind)
    require_accepted(marketplace.currencies, request.price.currency, field="price.currency")
    return Offering(marketplace_id=provider.marketplace_id, provider_id=provider.id, title=request.title,
                    kind=request.kind, duration_minutes=request.duration_minutes,
                    price_amount_minor=request.price.amount_minor, price_currency=request.price.currency,
                    policy_overrides=request.policy_overrides)


def change_offering(marketplace: Marketplace, offering: Offering, provider: Provider, change: OfferingChange) -> None:
    # Bookings already made keep their own copy of price, duration and terms: changing these here
    # only affects new bookings (BK-6).
    if change.kind is not None:
        _require_kind_of(provider, change.kind)
    if change.price is not None:
        require_accepted(marketplace.currencies, change.price.currency, field="price.currency")
    for name, value in change.model_dump(exclude_unset=True, exclude={"price"}).items():
        if value is not None:
            setattr(offering, name, value)
    if change.price is not None:
        offering.price_amount_minor, offering.price_currency = change.price.amount_minor, change.price.currency
    offering.updated_at = utcnow()


async def list_offerings(session: AsyncSession, marketplace_id: str, provider_id: str | None, kind: str | None,
                         after: str | None, limit: int) -> list[Offering]:
    query = select(Offering).where(Offering.marketplace_id == marketplace_id)
    if provider_id:
        query = query.where(Offering.provider_id == provider_id)
    if kind:
        query = query.where(Offering.kind == kind.lower())
    if after is not None:
        query = query.where(Offering.id > after)
    return list((await session.exec(query.order_by(Offering.id).limit(limit + 1))).all())


def _require_kind_of(provider: Provider, kind: str) -> None:
    if kind not in provider.lesson_kinds:
        message = f"'{kind}' is not one of your lesson kinds ({', '.join(provider.lesson_kinds)})."
        raise Unprocessable(message, slug="validation-error",
                            errors=[{"field": "kind", "message": message, "code": "kind_not_offered"}])
