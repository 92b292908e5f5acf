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


async def test_the_last_change_to_a_timer_in_a_transaction_is_the_one_that_stands(service_settings):
    runtime = await _node(service_settings, TimerRegistry())
    soon, later = datetime.now(UTC) + timedelta(hours=1), datetime.now(UTC) + timedelta(hours=2)
    async with runtime.uow() as uow:
        await uow.schedule("probe.t", "moved", soon, {"n": 1})
        await uow.schedule("probe.t", "moved", later, {"n": 2})
        await uow.schedule("probe.t", "set-then-cancelled", soon)
        await uow.cancel_timer("probe.t", "set-then-cancelled")
        await uow.cancel_timer("probe.t", "cancelled-then-set")
        await uow.schedule("probe.t", "cancelled-then-set", soon)
        await uow.commit()
    async with runtime.engine.connect() as conn:
        rows = (await conn.execute(select(timers_table.c.key, timers_table.c.due_at, timers_table.c.payload)
                                   .order_by(timers_table.c.key))).all()
    assert [(key, due_at, payload) for key, due_at, payload in rows] == [
        ("cancelled-then-set", soon, {}), ("moved", later, {"n": 2})]
    await runtime.close()


async def test_a_timer_set_in_an_undone_savepoint_is_not_set(service_settings):
    runtime = await _node(service_settings, TimerRegistry())
    async with runtime.uow() as uow:
        await uow.schedule("probe.t", "kept", datetime.now(UTC))
        try:
            async with uow.savepoint():
                await uow.schedule("probe.t", "undone", datetime.now(UTC))
                await uow.cancel_timer("probe.t", "kept")
                raise RuntimeError("the block fails")
        except RuntimeError:
            pass
        await uow.commit()
    async with runtime.engine.connect() as conn:
        assert (await conn.execute(select(timers_table.c.key))).scalars().all() == ["kept"]
    await runtime.close()


async def test_a_timer_handler_may_set_its_own_timer_again(service_settings):
    """The fired row is removed and the new deadline stands: a retry-later handler is not lost."""
    registry = TimerRegistry()
    runs: list[str] = []

    @registry.on("probe.poll")
    async def poll(timer, uow) -> None:
        runs.append(timer.key)
        await uow.schedule("probe.poll", timer.key, datetime.now(UTC) + timedelta(hours=1))

    runtime = await _node(service_settings, registry)
    async with runtime.uow() as uow:
        await uow.schedule("probe.poll", "p1", datetime.now(UTC) - timedelta(seconds=1))
        await uow.commit()
    assert await TimerScheduler(registry, runtime.uow).fire_due() == 1
    async with runtime.engine.connect() as conn:
        row = (await conn.execute(select(timers_table))).mappings().one()
    assert runs == ["p1"] and row["key"] == "p1" and row["due_at"] > datetime.now(UTC)
    await runtime.close()
