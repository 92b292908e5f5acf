from pathlib import Path

from shared.service import Service

from notifications.db import Base
from notifications.settings import NotificationsSettings

service = Service(
    name="notifications",
    settings_cls=NotificationsSettings,
    metadata=Base.metadata,
    migrations_dir=Path(__file__).parent / "migrations",
    description="Chat, channel preferences, alerts, reminders and deliveries.",
)
