"""Every table of the notifications service, imported so the metadata (and alembic) sees them all."""

from notifications.alerts.models import Alert
from notifications.chat.dispute_models import DisputedPair
from notifications.chat.models import ChatMessage, ChatThread
from notifications.delivery.models import Delivery
from notifications.inbox.models import InboxItem
from notifications.lessons.models import Lesson
from notifications.marketplaces.discord_models import MarketplaceDiscord
from notifications.marketplaces.models import MarketplacePolicy
from notifications.preferences.models import Preferences, UserChannel
from notifications.reminders.models import Reminder
from notifications.webhooks.models import Endpoint, WebhookDelivery

__all__ = ["Alert", "ChatMessage", "ChatThread", "Delivery", "DisputedPair", "Endpoint", "InboxItem", "Lesson",
           "MarketplaceDiscord", "MarketplacePolicy", "Preferences", "Reminder", "UserChannel", "WebhookDelivery"]
