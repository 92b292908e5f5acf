"""Sending alerts by email and Discord (NT-5): a row per (alert, channel), attempted by DB timers
with retries and back-off, failed for good only visibly, and replayable by staff."""
