"""What this service knows of each lesson, from booking's events: who, when, and whether it still
stands. Alerts take their facts from it, and reminders go out only for a lesson that stands."""
