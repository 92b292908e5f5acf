"""The runner: roles alone or together, and a consumer-only process still answers its probes."""

import asyncio
import contextlib
import socket

import httpx

from shared.cli import run_roles
from shared.testing.probe import probe_service


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def _wait_until_up(url: str) -> httpx.Response:
    async with httpx.AsyncClient() as client:
        for _ in range(100):
            with contextlib.suppress(httpx.TransportError):
                return await client.get(url)
            await asyncio.sleep(0.05)
    raise AssertionError(f"{url} never answered")


async def test_a_consumer_only_process_serves_probes_and_metrics_but_no_api(service_settings):
    service = probe_service("probe-runner", with_handlers=True)
    settings = await service_settings(service, port=_free_port())
    base = f"http://127.0.0.1:{settings.port}"
    runner = asyncio.create_task(run_roles(service, settings, {"consumer"}))
    try:
        ready = await _wait_until_up(f"{base}/readyz")
        assert ready.status_code == 200
        assert ready.json()["checks"] == {"database": "ok", "broker": "ok"}
        async with httpx.AsyncClient(base_url=base) as client:
            assert (await client.get("/metrics")).status_code == 200
            assert (await client.get("/v1/probes/x")).status_code == 404
    finally:
        runner.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await runner
