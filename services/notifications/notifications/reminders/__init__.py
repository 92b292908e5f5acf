"""Reminders before each lesson (NT-3), at the marketplace's offsets. Keyed by booking, so a
reschedule re-plans them and a cancellation drops them; never sent for a lesson that doesn't stand."""
