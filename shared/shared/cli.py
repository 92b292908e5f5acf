"""The command line of every service: `python -m <service> run|migrate|dead-letters ...`."""

import argparse
import asyncio
import contextlib
import json
import signal
import sys

import structlog
import uvicorn

from shared import housekeeping
from shared.http import create_app, create_operations_app
from shared.messaging import dead_letters
from shared.messaging.consumer import EventConsumer
from shared.messaging.relay import OutboxRelay
from shared.migrations import new_revision, upgrade
from shared.observability.logging import configure_logging
from shared.runtime import Runtime
from shared.scheduler import TimerScheduler
from shared.service import Service
from shared.settings import load_settings

ROLES = ("api", "consumer", "scheduler")
log = structlog.get_logger("runner")


def main(service: Service, argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog=service.name, description=service.description)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="serve the API, consume events and fire timers")
    run.add_argument("--role", choices=("all", *ROLES), action="append",
                     help="run only this role (repeatable); default: all of them in one process")
    run.add_argument("--host")
    run.add_argument("--port", type=int)
    commands.add_parser("migrate", help="apply the database migrations")
    revision = commands.add_parser("revision", help="autogenerate a migration from the models")
    revision.add_argument("-m", "--message", required=True)
    dlq = commands.add_parser("dead-letters", help="show or replay the dead-letter queue")
    dlq.add_argument("action", choices=("show", "replay"))
    dlq.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)

    settings = load_settings(service.settings_cls)
    configure_logging(service.name, settings.log_level, settings.log_json)
    if args.command == "migrate":
        upgrade(service.migrations_dir, settings.database_url)
    elif args.command == "revision":
        new_revision(service.migrations_dir, settings.database_url, args.message)
    elif args.command == "dead-letters":
        asyncio.run(_dead_letters(service, settings, args.action, args.limit))
    else:
        roles = set(ROLES) if not args.role or "all" in args.role else set(args.role)
        if args.host:
            settings.host = args.host
        if args.port:
            settings.port = args.port
        asyncio.run(run_roles(service, settings, roles))


class _EmbeddedServer(uvicorn.Server):
    """uvicorn inside our own loop: the runner, not uvicorn, owns the process's signals."""

    def capture_signals(self):
        return contextlib.nullcontext()


async def run_roles(service: Service, settings, roles: set[str]) -> None:
    runtime = Runtime(service, settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    tasks: list[asyncio.Task] = []
    server = None
    try:
        if roles & {"consumer", "scheduler"}:
            await runtime.connect_broker()
        if "consumer" in roles and service.handlers.event_types:
            await EventConsumer(runtime.broker, service.handlers, runtime.sessionmaker, service.name,
                                settings.retry_delays_ms, settings.consumer_prefetch,
                                settings.consumer_batch_size).start()
        if "scheduler" in roles:
            relay = OutboxRelay(runtime.engine, runtime.broker, settings.outbox_poll_interval_s)
            scheduler = TimerScheduler(service.timers, runtime.uow, settings.timer_poll_interval_s)
            tasks += [asyncio.create_task(relay.run(), name="outbox-relay"),
                      asyncio.create_task(scheduler.run(), name="timers"),
                      asyncio.create_task(housekeeping.run(runtime.engine, service.trimmed), name="housekeeping")]
        # Without the api role the process still answers its probes and scrapes on the port.
        app = create_app(service, settings, runtime) if "api" in roles else create_operations_app(
            service, settings, runtime)
        config = uvicorn.Config(app, host=settings.host, port=settings.port, log_config=None, access_log=False,
                                lifespan="on")
        server = _EmbeddedServer(config)
        tasks.append(asyncio.create_task(server.serve(), name="api"))
        log.info("service.started", roles=sorted(roles), port=settings.port)
        waiter = asyncio.create_task(stop.wait())
        done, _ = await asyncio.wait([waiter, *tasks], return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            if task is not waiter and task.exception():
                raise task.exception()
    finally:
        if server is not None:
            server.should_exit = True
        for task in tasks:
            if task.get_name() != "api":
                task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await runtime.close()
        log.info("service.stopped")


async def _dead_letters(service: Service, settings, action: str, limit: int | None) -> None:
    runtime = Runtime(service, settings)
    broker = await runtime.connect_broker()
    try:
        if action == "show":
            json.dump(await dead_letters.peek(broker, limit or 20), sys.stdout, indent=2)
            print()
        else:
            print(f"replayed {await dead_letters.replay(broker, limit)} messages")
    finally:
        await runtime.close()
