"""Which channels one alert goes to: the user's choice for its kind, among the channels they have
active. A kind the user said nothing about goes everywhere they can be reached (NT-1)."""

from dataclasses import dataclass, field

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


@dataclass(frozen=True, slots=True)
class Reach:
    """What routing and rendering a user's alerts read: their zone, their choices, their active channels.
    A user who never set preferences reads UTC and leaves every kind to its default."""

    timezone: str = "UTC"
    alert_channels: dict[str, list[str]] = field(default_factory=dict)
    active: frozenset[Channel] = frozenset()

    def channels_for(self, kind: AlertKind) -> set[Channel]:
        return channels_for(kind, self.alert_channels, set(self.active))
