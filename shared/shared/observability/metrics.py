"""Prometheus metrics of the plumbing; services add their own next to their code."""

from prometheus_client import Counter, Histogram

HTTP_REQUESTS = Histogram(
    "http_request_duration_seconds", "HTTP requests by route and status", ["method", "route", "status"]
)
EVENTS_PUBLISHED = Counter("events_published_total", "Events the outbox relay published")
EVENTS_HANDLED = Counter("events_handled_total", "Events consumed, by type and outcome", ["type", "outcome"])
EVENTS_DEAD_LETTERED = Counter("events_dead_lettered_total", "Events sent to the dead-letter queue", ["type"])
HANDLER_SECONDS = Histogram("event_handler_duration_seconds", "Time to handle one event", ["type"])
TIMERS_FIRED = Counter("timers_fired_total", "Timers fired, by kind and outcome", ["kind", "outcome"])
