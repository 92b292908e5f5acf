"""A marketplace's Discord bot webhook: users of the marketplace may give their Discord user id
instead of a webhook of their own, and their alerts are posted there with a mention of them.

The webhook's state is the state of every user channel that goes through it: when Discord says it is
gone (404) or staff remove it, those channels are disabled and their users told in the platform;
when staff give a webhook again, the channels it had switched off work again."""

from functools import partial

from sqlalchemy import update
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from notifications.alerts.raising import Recipient, raise_alerts
from notifications.alerts.templates.notices import marketplace_discord_disabled
from notifications.clock import utcnow
from notifications.marketplaces.discord_models import MarketplaceDiscord
from notifications.preferences.kinds import Channel
from notifications.preferences.models import UserChannel
from shared.database import driver_connection
from shared.unit_of_work import UnitOfWork

GONE = ("Discord says your marketplace's Discord bot webhook no longer exists (404 Unknown Webhook); "
        "it works again once staff give a new one.")
REMOVED = "Your marketplace stopped posting alerts to Discord by user id; give a webhook URL of your own instead."
# A user's channel disabled for one of these comes back when staff give a webhook again.
BOT_REASONS = (GONE, REMOVED)


async def bot_of(session: AsyncSession, marketplace_id: str, for_update: bool = False) -> MarketplaceDiscord | None:
    query = select(MarketplaceDiscord).where(MarketplaceDiscord.marketplace_id == marketplace_id)
    return (await session.exec(query.with_for_update() if for_update else query)).first()


async def set_bot(session: AsyncSession, marketplace_id: str, webhook_url: str, staff_id: str) -> MarketplaceDiscord:
    """Give (or replace) the webhook; the user channels a dead or removed one had switched off work again."""
    now = utcnow()
    bot = await bot_of(session, marketplace_id, for_update=True)
    bot = bot or MarketplaceDiscord(marketplace_id=marketplace_id, webhook_url=webhook_url, updated_by=staff_id)
    bot.webhook_url, bot.active, bot.disabled_reason, bot.rate_limited_until = webhook_url, True, None, None
    bot.updated_by, bot.updated_at = staff_id, now
    session.add(bot)
    await session.flush()
    await session.exec(update(UserChannel).where(
        UserChannel.marketplace_id == marketplace_id, UserChannel.channel == Channel.DISCORD,
        UserChannel.through_marketplace_bot, UserChannel.active.is_(False),
        UserChannel.disabled_reason.in_(BOT_REASONS)).values(active=True, disabled_reason=None, updated_at=now))
    return bot


async def remove_bot(uow: UnitOfWork, bot: MarketplaceDiscord) -> None:
    await uow.session.delete(bot)
    await _switch_off_users(uow, bot, REMOVED)


async def disable_dead_bot(uow: UnitOfWork, bot: MarketplaceDiscord) -> None:
    """Discord answered 404: the webhook is recorded as gone (staff see why) and nothing more goes there."""
    bot.active, bot.disabled_reason, bot.updated_at = False, GONE, utcnow()
    uow.session.add(bot)
    await _switch_off_users(uow, bot, GONE)


async def _switch_off_users(uow: UnitOfWork, bot: MarketplaceDiscord, reason: str) -> None:
    now = utcnow()
    switched_off = (await uow.session.exec(update(UserChannel).where(
        UserChannel.marketplace_id == bot.marketplace_id, UserChannel.channel == Channel.DISCORD,
        UserChannel.through_marketplace_bot, UserChannel.active).values(
        active=False, disabled_reason=reason, updated_at=now).returning(UserChannel.user_id))).scalars().all()
    occurrence = f"{bot.marketplace_id}:{now.isoformat()}"  # one notice per time it stops working
    told = partial(marketplace_discord_disabled, occurrence, reason)
    await raise_alerts(uow, await driver_connection(uow.session), bot.marketplace_id,
                       [Recipient(user_id, told) for user_id in switched_off])
