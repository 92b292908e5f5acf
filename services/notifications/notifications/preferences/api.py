"""The caller's own preferences: time zone and where each kind of alert goes."""

from fastapi import APIRouter

from notifications.preferences.kinds import CHOOSABLE_KINDS, Channel
from notifications.preferences.routing import channels_for
from notifications.preferences.schemas import ChannelOut, PreferencesIn, PreferencesOut
from notifications.preferences.store import channels_of, preferences_of, save_preferences
from shared.auth import CurrentIdentity
from shared.http import UoW

router = APIRouter(prefix="/v1/preferences", tags=["preferences"])


async def preferences_out(uow: UoW, identity: CurrentIdentity) -> PreferencesOut:
    preferences = await preferences_of(uow.session, identity.marketplace_id, identity.user_id)
    channels = await channels_of(uow.session, identity.marketplace_id, identity.user_id)
    active = {Channel(c.channel) for c in channels if c.active}
    effective = {kind.value: sorted(channels_for(kind, preferences.alert_channels, active)) for kind in CHOOSABLE_KINDS}
    return PreferencesOut(timezone=preferences.timezone, choices=preferences.alert_channels, alerts=effective,
                          channels=[ChannelOut.of(c) for c in channels])


@router.get("", summary="The caller's time zone, channels and where each kind of alert goes")
async def get_preferences(identity: CurrentIdentity, uow: UoW) -> PreferencesOut:
    return await preferences_out(uow, identity)


@router.put("", summary="Set the caller's time zone and per-kind channel choices (replaces them)")
async def put_preferences(body: PreferencesIn, identity: CurrentIdentity, uow: UoW) -> PreferencesOut:
    choices = {kind.value: [c.value for c in channels] for kind, channels in body.alerts.items()}
    await save_preferences(uow.session, identity.marketplace_id, identity.user_id, body.timezone, choices)
    await uow.commit()
    return await preferences_out(uow, identity)
