"""Reading and changing a user's preferences and channels, always within their marketplace."""

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from notifications.clock import utcnow
from notifications.preferences.kinds import Channel
from notifications.preferences.models import Preferences, UserChannel
from shared.errors import NotFound


async def preferences_of(session: AsyncSession, marketplace_id: str, user_id: str) -> Preferences:
    stored = await session.get(Preferences, (marketplace_id, user_id))
    return stored or Preferences(marketplace_id=marketplace_id, user_id=user_id)


async def save_preferences(session: AsyncSession, marketplace_id: str, user_id: str, timezone: str,
                           alert_channels: dict[str, list[str]]) -> None:
    # One upsert: two first saves of one user at once both succeed, the later one standing.
    values = {"timezone": timezone, "alert_channels": alert_channels, "updated_at": utcnow()}
    await session.exec(insert(Preferences).values(marketplace_id=marketplace_id, user_id=user_id, **values)
                       .on_conflict_do_update(index_elements=["marketplace_id", "user_id"], set_=values))


async def channels_of(session: AsyncSession, marketplace_id: str, user_id: str) -> list[UserChannel]:
    return list(await session.exec(select(UserChannel).where(
        UserChannel.marketplace_id == marketplace_id, UserChannel.user_id == user_id).order_by(UserChannel.channel)))


async def channel_of(session: AsyncSession, marketplace_id: str, user_id: str, channel: Channel,
                     for_update: bool = False) -> UserChannel | None:
    query = select(UserChannel).where(UserChannel.marketplace_id == marketplace_id,
                                      UserChannel.user_id == user_id, UserChannel.channel == channel)
    return (await session.exec(query.with_for_update() if for_update else query)).first()


async def set_channel(session: AsyncSession, marketplace_id: str, user_id: str, channel: Channel,
                      address: str, through_marketplace_bot: bool = False) -> UserChannel:
    """Give (or replace) the channel's address; a channel the service had disabled is active again."""
    row = await channel_of(session, marketplace_id, user_id, channel, for_update=True)
    row = row or UserChannel(marketplace_id=marketplace_id, user_id=user_id, channel=channel, address=address)
    row.address, row.active, row.disabled_reason, row.rate_limited_until = address, True, None, None
    row.through_marketplace_bot = through_marketplace_bot
    row.updated_at = utcnow()
    session.add(row)
    await session.flush()
    return row


async def remove_channel(session: AsyncSession, marketplace_id: str, user_id: str, channel: Channel) -> None:
    removed = await session.exec(delete(UserChannel).where(
        UserChannel.marketplace_id == marketplace_id, UserChannel.user_id == user_id, UserChannel.channel == channel))
    if removed.rowcount == 0:
        raise NotFound(f"You have no {channel} channel.", slug="channel-not-found")
