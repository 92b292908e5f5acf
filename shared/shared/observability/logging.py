"""Structured logs: JSON lines carrying the service, request id and correlation id."""

import logging
import sys

import structlog

from shared.context import _current


def _add_causation(_, __, event_dict):
    causation = _current.get()
    if causation is not None:
        event_dict.setdefault("correlation_id", str(causation.correlation_id))
        if causation.causation_id:
            event_dict.setdefault("causation_id", str(causation.causation_id))
    return event_dict


def configure_logging(service: str, level: str = "INFO", json: bool = True) -> None:
    shared_processors = [
        structlog.contextvars.merge_contextvars,
        _add_causation,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    renderer = structlog.processors.JSONRenderer() if json else structlog.dev.ConsoleRenderer(colors=False)
    structlog.configure(
        processors=[*shared_processors, structlog.processors.format_exc_info, renderer]
        if json else [*shared_processors, renderer],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level.upper())),
        logger_factory=structlog.PrintLoggerFactory(sys.stderr),
        cache_logger_on_first_use=True,
    )
    structlog.contextvars.bind_contextvars(service=service)
    # Libraries log through the standard library; keep them quiet and on the same stream.
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(levelname)s %(name)s %(message)s")
