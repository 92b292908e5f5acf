"""Staff set their marketplace's Discord bot webhook; users may then enable Discord by user id."""

from datetime import datetime

from fastapi import APIRouter, Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import func
from sqlmodel import select

from notifications.marketplaces.discord import bot_of, remove_bot, set_bot
from notifications.marketplaces.discord_models import MarketplaceDiscord
from notifications.preferences.channels_api import valid_webhook_url
from notifications.preferences.kinds import Channel
from notifications.preferences.models import UserChannel
from notifications.preferences.schemas import masked_webhook
from shared.auth import StaffIdentity
from shared.errors import NotFound
from shared.http import UoW
from shared.openapi import problem_answers

NO_WEBHOOK = (404, "`marketplace-discord-not-found`: The marketplace has no Discord bot webhook")

router = APIRouter(prefix="/v1/channels/marketplace-discord", tags=["preferences"])


class MarketplaceDiscordIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"webhook_url": "https://discord.com/api/webhooks/123456789012345678/abcDEF-token"}]})

    webhook_url: str = Field(max_length=500, description="The bot's https://discord.com/api/webhooks/<id>/<token>")


class MarketplaceDiscordOut(BaseModel):
    webhook_url: str = Field(description="The webhook with its token shortened")
    active: bool
    disabled_reason: str | None = Field(description="Why the service stopped using it (Discord answered 404)")
    users: int = Field(description="Users whose Discord alerts go through it now")
    updated_by: str = Field(description="The staff member's user id")
    updated_at: datetime


async def _out(uow: UoW, bot: MarketplaceDiscord) -> MarketplaceDiscordOut:
    users = (await uow.session.exec(select(func.count()).select_from(UserChannel).where(
        UserChannel.marketplace_id == bot.marketplace_id, UserChannel.channel == Channel.DISCORD,
        UserChannel.through_marketplace_bot, UserChannel.active))).one()
    return MarketplaceDiscordOut(webhook_url=masked_webhook(bot.webhook_url), active=bot.active,
                                 disabled_reason=bot.disabled_reason, users=users, updated_by=bot.updated_by,
                                 updated_at=bot.updated_at)


async def _existing(uow: UoW, marketplace_id: str, for_update: bool = False) -> MarketplaceDiscord:
    bot = await bot_of(uow.session, marketplace_id, for_update)
    if bot is None:
        raise NotFound("Your marketplace has no Discord bot webhook.", slug="marketplace-discord-not-found")
    return bot


@router.get("", summary="Staff: the marketplace's Discord bot webhook, and whether it still works",
            responses=problem_answers(NO_WEBHOOK))
async def get_marketplace_discord(staff: StaffIdentity, uow: UoW) -> MarketplaceDiscordOut:
    return await _out(uow, await _existing(uow, staff.marketplace_id))


@router.put("", summary="Staff: post alerts of users who gave their Discord user id to this webhook")
async def put_marketplace_discord(body: MarketplaceDiscordIn, staff: StaffIdentity, uow: UoW) -> MarketplaceDiscordOut:
    bot = await set_bot(uow.session, staff.marketplace_id, valid_webhook_url(body.webhook_url), staff.user_id)
    await uow.commit()
    return await _out(uow, bot)


@router.delete("", status_code=204, summary="Staff: stop Discord by user id; its users are told in the platform",
               responses=problem_answers(NO_WEBHOOK))
async def delete_marketplace_discord(staff: StaffIdentity, uow: UoW) -> Response:
    await remove_bot(uow, await _existing(uow, staff.marketplace_id, for_update=True))
    await uow.commit()
    return Response(status_code=204)
