"""Provider profiles, always within the caller's marketplace (PL-1)."""

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from booking.clock import utcnow
from booking.providers.models import Provider
from booking.providers.schemas import ProfileIn
from shared.errors import NotFound


async def find_provider(session: AsyncSession, marketplace_id: str, provider_id: str,
                        for_update: bool = False) -> Provider:
    query = select(Provider).where(Provider.marketplace_id == marketplace_id, Provider.id == provider_id)
    provider = (await session.exec(query.with_for_update() if for_update else query)).first()
    if provider is None:
        raise NotFound(f"No provider '{provider_id}' in this marketplace.", slug="provider-not-found")
    return provider


async def own_profile(session: AsyncSession, marketplace_id: str, user_id: str, for_update: bool = False) -> Provider:
    """The caller's own profile; they create it with PUT /v1/providers/me before anything else."""
    try:
        return await find_provider(session, marketplace_id, user_id, for_update)
    except NotFound:
        raise NotFound("Create your provider profile first: PUT /v1/providers/me.",
                       slug="provider-profile-missing") from None


async def save_profile(session: AsyncSession, marketplace_id: str, user_id: str, profile: ProfileIn) -> bool:
    """Create or update the profile; True when it was created."""
    existing = await session.get(Provider, (marketplace_id, user_id), with_for_update=True)
    provider = existing or Provider(marketplace_id=marketplace_id, id=user_id, display_name="", timezone="UTC")
    provider.display_name, provider.timezone = profile.display_name, profile.timezone
    provider.lesson_kinds = sorted(set(profile.lesson_kinds))
    provider.updated_at = utcnow()
    session.add(provider)
    return existing is None


async def list_providers(session: AsyncSession, marketplace_id: str, kind: str | None, after: str | None,
                         limit: int) -> list[Provider]:
    query = select(Provider).where(Provider.marketplace_id == marketplace_id)
    if kind:
        query = query.where(col(Provider.lesson_kinds).contains([kind.lower()]))
    if after is not None:
        query = query.where(Provider.id > after)
    return list((await session.exec(query.order_by(Provider.id).limit(limit + 1))).all())
