"""NT-3 and NT-4 leave two numbers to the marketplace's policy: when reminders go out, and how
long a chat message may stay unread before it is forwarded."""

from dataclasses import dataclass
from datetime import timedelta

import structlog

from notifications.settings import NotificationsSettings

log = structlog.get_logger(__name__)

# The keys of a registration's policy overrides this service reads. The first is booking's name
# for the same setting, so one override steers both services.
REMINDER_OFFSETS = "reminder_offsets_hours"
UNREAD_CHAT_DELAY = "unread_chat_forward_minutes"


@dataclass(frozen=True)
class StoredPolicy:
    """A marketplace's own choices, as its registration made them; None means the service's default."""

    marketplace_id: str
    reminder_offsets_hours: list[float] | None = None
    unread_chat_forward_delay_s: float | None = None


@dataclass(frozen=True)
class NotificationPolicy:
    reminder_offsets: tuple[timedelta, ...]
    unread_chat_forward_delay: timedelta


def from_overrides(marketplace_id: str, overrides: dict) -> StoredPolicy:
    """What a registration chose; a malformed choice is logged and the default kept, as booking does."""
    offsets_hours = delay_s = None
    offsets = overrides.get(REMINDER_OFFSETS)
    if offsets is not None:
        if isinstance(offsets, list) and all(type(h) in (int, float) and 0 < h <= 24 * 30 for h in offsets):
            offsets_hours = sorted({float(h) for h in offsets}, reverse=True)
        else:
            log.warning("policy.override_ignored", marketplace=marketplace_id, setting=REMINDER_OFFSETS)
    delay = overrides.get(UNREAD_CHAT_DELAY)
    if delay is not None:
        if type(delay) in (int, float) and 0 <= delay <= 24 * 60:
            delay_s = float(delay) * 60
        else:
            log.warning("policy.override_ignored", marketplace=marketplace_id, setting=UNREAD_CHAT_DELAY)
    return StoredPolicy(marketplace_id, offsets_hours, delay_s)


def defaults(settings: NotificationsSettings) -> NotificationPolicy:
    return NotificationPolicy(reminder_offsets=tuple(timedelta(hours=h) for h in settings.reminder_offsets_hours),
                              unread_chat_forward_delay=timedelta(seconds=settings.unread_chat_forward_delay_s))


def effective(stored: StoredPolicy | None, default: NotificationPolicy) -> NotificationPolicy:
    if stored is None:
        return default
    offsets, delay = default.reminder_offsets, default.unread_chat_forward_delay
    if stored.reminder_offsets_hours is not None:  # an empty list is a choice too: no reminders
        offsets = tuple(timedelta(hours=h) for h in stored.reminder_offsets_hours)
    if stored.unread_chat_forward_delay_s is not None:
        delay = timedelta(seconds=stored.unread_chat_forward_delay_s)
    return NotificationPolicy(offsets, delay)
