"""Which channels one alert goes to: the user's choice for its kind, among the channels they have
active. A kind the user said nothing about goes everywhere they can be reached (NT-1)."""

from notifications.preferences.kinds import AlertKind, Channel


def channels_for(kind: AlertKind, choices: dict[str, list[str]], active: set[Channel]) -> set[Channel]:
    if kind is AlertKind.CHANNEL:
        # A notice that a channel stopped working can't rely on that channel, nor be turned off.
        return {Channel.IN_PLATFORM}
    reachable = active | {Channel.IN_PLATFORM}
    if kind is AlertKind.CHAT:
        reachable.discard(Channel.IN_PLATFORM)  # the chat's own unread state is the in-platform side
    chosen = {Channel(c) for c in choices[kind]} if kind in choices else reachable
    return chosen & reachable
