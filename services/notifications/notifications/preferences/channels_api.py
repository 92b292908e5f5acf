"""The caller's email and Discord channels. Giving one enables it (again, after the service
disabled a dead Discord webhook); deleting it stops everything that would go there."""

from fastapi import APIRouter, Response

from notifications import config
from notifications.marketplaces.discord import bot_of
from notifications.preferences import validation
from notifications.preferences.kinds import Channel
from notifications.preferences.schemas import ChannelOut, DiscordChannelIn, EmailChannelIn
from notifications.preferences.store import channels_of, remove_channel, set_channel
from shared.auth import CurrentIdentity
from shared.errors import Conflict, Unprocessable
from shared.http import UoW
from shared.openapi import problem_answers

router = APIRouter(prefix="/v1/channels", tags=["preferences"])


@router.get("", summary="The caller's email and Discord channels, with why one was disabled")
async def get_channels(identity: CurrentIdentity, uow: UoW) -> list[ChannelOut]:
    return [ChannelOut.of(c) for c in await channels_of(uow.session, identity.marketplace_id, identity.user_id)]


@router.put("/email", summary="Send alerts to this email address")
async def put_email(body: EmailChannelIn, identity: CurrentIdentity, uow: UoW) -> ChannelOut:
    row = await set_channel(uow.session, identity.marketplace_id, identity.user_id, Channel.EMAIL, body.address)
    await uow.commit()
    return ChannelOut.of(row)


@router.put("/discord", summary="Send alerts to this Discord webhook, or by user id through the marketplace's bot",
            responses=problem_answers((409, "`marketplace-discord-unavailable`: The marketplace posts no alerts "
                                            "to Discord by user id now; give a webhook_url")))
async def put_discord(body: DiscordChannelIn, identity: CurrentIdentity, uow: UoW) -> ChannelOut:
    if body.webhook_url is not None:
        url = valid_webhook_url(body.webhook_url)
        row = await set_channel(uow.session, identity.marketplace_id, identity.user_id, Channel.DISCORD, url)
    else:
        user_id = _valid(validation.discord_user_id, "user_id", body.user_id)
        bot = await bot_of(uow.session, identity.marketplace_id)
        if bot is None or not bot.active:
            raise Conflict("Your marketplace doesn't post alerts to Discord by user id now; give a webhook_url "
                           "of your own instead.", slug="marketplace-discord-unavailable")
        row = await set_channel(uow.session, identity.marketplace_id, identity.user_id, Channel.DISCORD, user_id,
                                through_marketplace_bot=True)
    await uow.commit()
    return ChannelOut.of(row)


def valid_webhook_url(value: str) -> str:
    """A Discord webhook URL, a user's or a marketplace's bot's: the same check for both."""
    return _valid(lambda url: validation.discord_webhook_url(url, config.settings().discord_webhook_bases),
                  "webhook_url", value)


def _valid(check, field: str, value: str) -> str:
    try:
        return check(value)
    except ValueError as exc:
        raise Unprocessable(f"{field}: {exc}", errors=[
            {"field": field, "message": str(exc), "code": "value_error"}]) from None


@router.delete("/{channel}", status_code=204, summary="Stop sending alerts to this channel",
               responses=problem_answers((422, "`inbox-not-removable`: The in-platform inbox can't be removed")))
async def delete_channel(channel: Channel, identity: CurrentIdentity, uow: UoW) -> Response:
    if channel is Channel.IN_PLATFORM:
        raise Unprocessable("The in-platform inbox can't be removed; choose per kind of alert in /v1/preferences.",
                            slug="inbox-not-removable")
    await remove_channel(uow.session, identity.marketplace_id, identity.user_id, channel)
    await uow.commit()
    return Response(status_code=204)
