"""What a service declares about itself; the shared runner, app factory and migrations use it."""

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from fastapi import APIRouter, FastAPI
from sqlalchemy import Column, MetaData

from shared.messaging.handlers import HandlerRegistry
from shared.settings import ServiceSettings
from shared.timers import TimerRegistry


@dataclass
class Service:
    name: str
    settings_cls: type[ServiceSettings]
    metadata: MetaData
    migrations_dir: Path
    routers: list[APIRouter] = field(default_factory=list)
    handlers: HandlerRegistry = field(default_factory=HandlerRegistry)
    timers: TimerRegistry = field(default_factory=TimerRegistry)
    description: str = ""
    # Extra set-up of the API app (the gateway mounts its proxy here).
    configure_app: Callable[[FastAPI, ServiceSettings], None] | None = None
    # Resources the API holds while it runs (the gateway's HTTP client to the services).
    lifespan: Callable[[FastAPI, ServiceSettings], AbstractAsyncContextManager] | None = None
    version: str = "0.1.0"
    # Tables of the service's own that the scheduler trims like the plumbing's: rows whose timestamp
    # column is older than the retention are deleted (shared.housekeeping).
    trimmed: tuple[tuple[Column, timedelta], ...] = ()
