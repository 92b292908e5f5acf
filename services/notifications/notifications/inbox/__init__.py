"""The in-platform channel: each user's inbox of alerts, unread, read or archived."""
