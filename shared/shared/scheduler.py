"""Fires due timers. Safe in any number of replicas: each timer row is locked by the one firing it,
and its handler's changes, its events and its removal commit together."""

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

import structlog

from shared import timers
from shared.context import Causation, reset_causation, set_causation
from shared.observability.metrics import TIMERS_FIRED
from shared.unit_of_work import UnitOfWork

log = structlog.get_logger(__name__)

# A failing timer is tried again after these delays, then marked failed (visible, not retried).
RETRY_DELAYS = [timedelta(seconds=s) for s in (5, 30, 120, 600)]


class TimerScheduler:
    def __init__(self, registry: timers.TimerRegistry, new_uow, poll_interval_s: float = 1.0):
        self.registry = registry
        self.new_uow = new_uow
        self.poll_interval_s = poll_interval_s

    async def run(self) -> None:
        while True:
            try:
                fired = await self.fire_due()
            except Exception:
                log.exception("timers.poll_failed")
                fired = 0
            if not fired:
                await asyncio.sleep(self.poll_interval_s)

    async def fire_due(self, limit: int = 100) -> int:
        """Fire up to `limit` due timers, one transaction each; returns how many were handled."""
        if not self.registry.kinds:
            return 0
        for count in range(limit):
            uow: UnitOfWork
            async with self.new_uow() as uow:
                timer = await timers.claim_due_timer(uow.session, self.registry.kinds)
                if timer is None:
                    return count
                await self._fire(timer, uow)
                await uow.commit()
        return limit

    async def _fire(self, timer: timers.Timer, uow: UnitOfWork) -> None:
        token = set_causation(Causation(correlation_id=uuid.uuid4()))
        try:
            async with uow.savepoint():
                await self.registry.handler(timer.kind)(timer, uow)
            await timers.finish_timer(uow.session, timer.id)
            TIMERS_FIRED.labels(timer.kind, "ok").inc()
        except Exception as exc:
            retry_at = None
            if timer.attempts < len(RETRY_DELAYS):
                retry_at = datetime.now(UTC) + RETRY_DELAYS[timer.attempts]
            log.exception("timers.handler_failed", kind=timer.kind, key=timer.key, retry_at=str(retry_at))
            await timers.record_failure(uow.session, timer.id, f"{type(exc).__name__}: {exc}"[:1000], retry_at)
            TIMERS_FIRED.labels(timer.kind, "failed").inc()
        finally:
            reset_causation(token)
