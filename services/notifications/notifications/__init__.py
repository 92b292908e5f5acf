"""Chat, channel preferences, alerts, reminders and deliveries."""
