"""Template of a forwarded chat message."""

from notifications.alerts.rendering import Context, RenderedAlert
from notifications.chat.models import ChatMessage
from notifications.preferences.kinds import AlertKind

EXCERPT_CHARS = 500


def unread_message(message: ChatMessage, c: Context) -> RenderedAlert:
    excerpt = message.body if len(message.body) <= EXCERPT_CHARS else message.body[:EXCERPT_CHARS] + "…"
    return RenderedAlert(
        AlertKind.CHAT, f"unread_chat:{message.id}", f"Unread message from your {message.sender_role}",
        excerpt, (("From", message.sender_id), ("Sent", c.when(message.sent_at))),
        "Reply in the chat on the platform; your answer reaches them there.")
