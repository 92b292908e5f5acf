"""The settings of this process, for the code the shared runner calls without them.

Event handlers and timers receive only a unit of work, so they read the settings here: loaded from
the environment once, as the runner itself loaded them. The API installs the object it was created
with, and tests install theirs, so every part of a process reads the same settings.
"""

from notifications.settings import NotificationsSettings
from shared.settings import load_settings

_installed: NotificationsSettings | None = None


def settings() -> NotificationsSettings:
    global _installed
    if _installed is None:
        _installed = load_settings(NotificationsSettings)
    return _installed


def install(settings: NotificationsSettings) -> None:
    global _installed
    _installed = settings
