"""An alert as a Discord webhook message: the subject as content, the facts in an embed, within
Discord's limits, and no mentions but the recipient's own, since chat text forwarded here is written by
users."""

from notifications.alerts.models import Alert

EMBED_COLOURS = {"booking": 0x2B7DE9, "payment": 0x2EA043, "reminder": 0xE3B341, "dispute": 0xD4731F,
                 "chat": 0x8957E5, "channel": 0xCF222E}


def discord_payload(alert: Alert, mention: str | None = None) -> dict:
    """The message; `mention`, a Discord user id, pings that user and no one else (a post to the
    marketplace's bot webhook, seen by everyone in its channel)."""
    embed: dict = {
        "title": alert.subject[:256],
        "description": alert.lead[:4096],
        "color": EMBED_COLOURS.get(alert.kind, 0x808080),
        "fields": [{"name": label[:256], "value": value[:1024], "inline": True} for label, value in alert.facts[:25]],
    }
    if alert.next_step:
        embed["footer"] = {"text": alert.next_step[:2048]}
    if mention is None:
        return {"content": alert.subject[:2000], "embeds": [embed], "allowed_mentions": {"parse": []}}
    prefix = f"<@{mention}> "
    return {"content": prefix + alert.subject[:2000 - len(prefix)], "embeds": [embed],
            "allowed_mentions": {"parse": [], "users": [mention]}}
