"""The closed loop the benchmarks drive their load with (helper of bench/booking.py and bench/floor.py)."""

from __future__ import annotations

import asyncio
import time


async def closed_loop(phase, users: int, iteration, warmup_s: float, duration_s: float, on_window=None) -> None:
    """`users` clients each calling `iteration(user)` (which returns a sample for `phase.samples`, or
    None when it has nothing left to do) back to back; `phase.window` opens after `warmup_s` and lasts
    `duration_s`; then no new iteration starts and the running ones finish. `on_window()`, when given,
    runs as the window opens and returns what to await as it closes (a probe's two snapshots)."""
    stop = asyncio.Event()

    async def client(user: int) -> None:
        while not stop.is_set():
            sample = await iteration(user)
            if sample is None:
                return
            phase.samples.append(sample)

    tasks = [asyncio.create_task(client(user)) for user in range(users)]
    try:
        await asyncio.sleep(warmup_s)
        start = time.time()
        phase.window = (start, start + duration_s)
        finish = await on_window() if on_window else None
        await asyncio.sleep(max(0.0, phase.window[1] - time.time()))
        if finish is not None:
            await finish()
        stop.set()
        await asyncio.gather(*tasks)
    finally:  # interrupted: the clients end with us, before their connections are closed
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
