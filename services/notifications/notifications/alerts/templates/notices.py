"""Templates of what the service itself has to tell a user about their channels."""

from notifications.alerts.rendering import Context, RenderedAlert
from notifications.preferences.kinds import AlertKind


def discord_webhook_disabled(occurrence: str, c: Context) -> RenderedAlert:
    return RenderedAlert(
        AlertKind.CHANNEL, f"discord_disabled:{occurrence}", "Discord alerts are switched off",
        "Discord told us your webhook no longer exists, so we stopped sending your alerts there.",
        (), "Give a new Discord webhook URL in your notification settings to get them there again.")


def marketplace_discord_disabled(occurrence: str, reason: str, c: Context) -> RenderedAlert:
    return RenderedAlert(
        AlertKind.CHANNEL, f"marketplace_discord_disabled:{occurrence}", "Discord alerts are switched off",
        f"We stopped sending your alerts to Discord. {reason}",
        (), "Your alerts still reach you here; you can give a Discord webhook URL of your own in your "
            "notification settings.")
