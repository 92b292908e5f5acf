"""Timers are rows: fired once each, whatever number of schedulers polls them."""

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from shared.events import ProbeRecorded
from shared.messaging.outbox import outbox_table
from shared.runtime import Runtime
from shared.scheduler import TimerScheduler
from shared.testing.probe import probe_service
from shared.timers import TimerRegistry, timers_table


async def _node(service_settings, registry: TimerRegistry) -> Runtime:
    service = probe_service("probe-timers", timers=registry)
    return Runtime(service, await service_settings(service))


async def test_due_timers_fire_exactly_once_across_competing_schedulers(service_settings):
    fired: list[str] = []
    registry = TimerRegistry()

    @registry.on("probe.deadline")
    async def deadline(timer, uow) -> None:
        fired.append(timer.key)
        uow.emit(ProbeRecorded(probe_id=timer.key), marketplace=timer.marketplace)
        await asyncio.sleep(0.01)  # hold the row lock a while, so the schedulers really compete

    runtime = await _node(service_settings, registry)
    past, future = datetime.now(UTC) - timedelta(seconds=1), datetime.now(UTC) + timedelta(hours=1)
    async with runtime.uow() as uow:
        for i in range(30):
            await uow.schedule("probe.deadline", f"due-{i}", past, marketplace="mkt-a")
        await uow.schedule("probe.deadline", "later", future, marketplace="mkt-a")
        await uow.commit()

    schedulers = [TimerScheduler(registry, runtime.uow) for _ in range(4)]
    await asyncio.gather(*(s.fire_due() for s in schedulers))

    assert sorted(fired) == sorted(f"due-{i}" for i in range(30))
    async with runtime.engine.connect() as conn:
        left = (await conn.execute(select(timers_table.c.key))).scalars().all()
    assert left == ["later"]
    await runtime.close()


async def test_a_moved_timer_fires_at_its_new_time_and_a_cancelled_one_never(service_settings):
    fired: list[str] = []
    registry = TimerRegistry()

    @registry.on("probe.reminder")
    async def remind(timer, uow) -> None:
        fired.append(timer.key)

    runtime = await _node(service_settings, registry)
    now = datetime.now(UTC)
    async with runtime.uow() as uow:
        await uow.schedule("probe.reminder", "moved", now - timedelta(seconds=1))
        await uow.schedule("probe.reminder", "cancelled", now - timedelta(seconds=1))
        await uow.commit()
    async with runtime.uow() as uow:
        await uow.schedule("probe.reminder", "moved", now + timedelta(hours=2))
        await uow.cancel_timer("probe.reminder", "cancelled")
        await uow.commit()

    assert await TimerScheduler(registry, runtime.uow).fire_due() == 0
    assert fired == []
    await runtime.close()


async def test_a_failing_timer_is_retried_later_and_its_events_are_discarded(service_settings):
    registry = TimerRegistry()

    @registry.on("probe.broken")
    async def broken(timer, uow) -> None:
        uow.emit(ProbeRecorded(probe_id="half-done"), marketplace="mkt-a")
        raise RuntimeError("downstream refused")

    runtime = await _node(service_settings, registry)
    async with runtime.uow() as uow:
        await uow.schedule("probe.broken", "b1", datetime.now(UTC) - timedelta(seconds=1))
        await uow.commit()

    assert await TimerScheduler(registry, runtime.uow).fire_due() == 1
    async with runtime.engine.connect() as conn:
        row = (await conn.execute(select(timers_table))).mappings().one()
        events = (await conn.execute(select(outbox_table))).all()
    assert row["attempts"] == 1 and "downstream refused" in row["last_error"]
    assert row["due_at"] > datetime.now(UTC) and row["failed_at"] is None
    assert events == []
    await runtime.close()
