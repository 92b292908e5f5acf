"""The whole backend on one machine: every service as its own process against PostgreSQL and RabbitMQ.

    with Stack(db_prefix="e2e_1234", amqp_namespace="e2e-1234", base_port=21000, state_dir=tmp) as stack:
        httpx.get(stack.url("gateway") + "/readyz")

`make run`, the end-to-end tests and the benchmarks all start the services through this class.
"""

import asyncio
import contextlib
import ctypes
import ctypes.util
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Coroutine, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import IO, Any

import httpx

from devstack import infra
from shared.auth import generate_keypair

# Every service, in the order of its port offset from the stack's base port (8000 -> gateway 8000,
# booking 8001, wallet 8002, disputes 8003, notifications 8004: each service's own default port).
SERVICES = ("gateway", "booking", "wallet", "disputes", "notifications")
BACKENDS = tuple(s for s in SERVICES if s != "gateway")


class StackError(RuntimeError):
    """The stack can't start, or a service of it stopped; the message says why and what to do."""


def run_async(coro: Coroutine[Any, Any, Any]) -> Any:
    """Run a coroutine from sync code, also when the caller is inside an event loop (async tests)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


class Keys:
    """The gateway's token-signing key pair and the operator key, kept in one directory and reused."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self.private_key = self.directory / "jwt_private.pem"
        self.public_key = self.directory / "jwt_public.pem"
        self.operator_key_file = self.directory / "operator_key"

    def ensure(self) -> list[str]:
        """Create what is missing; returns the names of the files created."""
        self.directory.mkdir(parents=True, exist_ok=True)
        created = []
        if not (self.private_key.exists() and self.public_key.exists()):
            private, public = generate_keypair()
            _write_secret(self.private_key, private)
            self.public_key.write_text(public)
            created += [self.private_key.name, self.public_key.name]
        if not self.operator_key_file.exists():
            _write_secret(self.operator_key_file, secrets.token_urlsafe(32))
            created.append(self.operator_key_file.name)
        return created

    @property
    def operator_key(self) -> str:
        return self.operator_key_file.read_text().strip()


def _write_secret(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as file:
        file.write(text)


def _port_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
        # uvicorn binds with SO_REUSEADDR too: only a listening socket makes the port busy.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


# The stack's mail catcher listens on base port + 25 (8025 for the default stack).
MAIL_PORT_OFFSET = 25


def free_base_port(host: str = "127.0.0.1", low: int = 20000, high: int = 32000) -> int:
    """A base port whose service ports and mail port are free now (for tests and benchmarks). The
    default range stays below Linux's ephemeral ports (32768 and up), which outgoing connections take."""
    for _ in range(200):
        base = random.randrange(low, high - MAIL_PORT_OFFSET)
        if all(_port_free(host, base + i) for i in (*range(len(SERVICES)), MAIL_PORT_OFFSET)):
            return base
    raise StackError(f"no {len(SERVICES)} consecutive free ports found between {low} and {high}")


def _die_with_parent() -> Callable[[], None] | None:
    """preexec_fn: on Linux, a service gets SIGTERM if the process that started it dies, so a killed
    test run or `make run` leaves no orphans. Tied to the starting thread, so only from the main one."""
    if not sys.platform.startswith("linux") or threading.current_thread() is not threading.main_thread():
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    except OSError:
        return None
    pr_set_pdeathsig = 1

    def preexec() -> None:
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM)

    return preexec


def _tail(path: Path, lines: int = 40) -> str:
    try:
        with path.open(errors="replace") as file:
            return "".join(deque(file, maxlen=lines)).rstrip() or "(empty)"
    except OSError:
        return "(no log)"


class Stack:
    """The services of one stack: its databases `<db_prefix>_<service>`, its exchange and queues under
    `<amqp_namespace>.`, its ports from `base_port`, its keys and logs in `state_dir`.

    `settings` are service settings without prefix, given to every service (`{"LOG_LEVEL": "DEBUG"}`
    sets BOOKING_LOG_LEVEL, WALLET_LOG_LEVEL, ...); `extra_env` is added to every process as it is.
    """

    def __init__(
        self,
        db_prefix: str = "lessons",
        amqp_namespace: str = "lessons",
        base_port: int = 8000,
        state_dir: str | os.PathLike = ".run/devstack",
        extra_env: Mapping[str, str] | None = None,
        *,
        settings: Mapping[str, str] | None = None,
        services: Iterable[str] = SERVICES,
        postgres_url: str = infra.LOCAL_POSTGRES,
        amqp_url: str = infra.LOCAL_AMQP,
        redis_url: str = infra.LOCAL_REDIS,
        host: str = "127.0.0.1",
        python: str | None = None,
        log_json: bool = False,
        ready_timeout_s: float = 90.0,
        progress: Callable[[str], None] | None = None,
    ):
        self.db_prefix = infra.check_identifier(db_prefix, "database prefix")
        self.amqp_namespace = amqp_namespace
        self.services = tuple(services)
        unknown = set(self.services) - set(SERVICES)
        if unknown:
            raise ValueError(f"unknown services {sorted(unknown)}; the stack knows {list(SERVICES)}")
        self.base_port = base_port
        self.ports = {svc: base_port + SERVICES.index(svc) for svc in SERVICES}
        self.state_dir = Path(state_dir).resolve()
        self.logs_dir = self.state_dir / "logs"
        self.keys = Keys(self.state_dir / "keys")
        self.extra_env = dict(extra_env or {})
        self.settings = {key.upper(): str(value) for key, value in (settings or {}).items()}
        self.postgres_url = postgres_url
        self.amqp_url = amqp_url
        self.redis_url = redis_url
        self.host = host
        self.python = python or sys.executable
        self.log_json = log_json
        self.ready_timeout_s = ready_timeout_s
        self.progress = progress or (lambda message: None)
        self.processes: dict[str, subprocess.Popen] = {}
        self._logs: dict[str, IO[bytes]] = {}

    # -- names and addresses -------------------------------------------------------------------

    def database(self, service: str) -> str:
        return f"{self.db_prefix}_{service}"

    @property
    def databases(self) -> list[str]:
        return [self.database(svc) for svc in self.services]

    def database_url(self, service: str) -> str:
        return infra.database_url(self.postgres_url, self.database(service))

    def url(self, service: str) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.ports[service]}"

    @property
    def gateway_url(self) -> str:
        return self.url("gateway")

    @property
    def mail_port(self) -> int:
        return self.base_port + MAIL_PORT_OFFSET

    @property
    def mail_dir(self) -> Path:
        return self.state_dir / "mail"

    def log_path(self, service: str) -> Path:
        return self.logs_dir / f"{service}.log"

    def env(self, service: str) -> dict[str, str]:
        """The environment a service's processes (migrate and run) get."""
        prefix = f"{service.upper()}_"
        # Inherited settings stay (BOOKING_LOG_LEVEL=DEBUG make run), but keys given by value would win
        # over the stack's own key files.
        env = {k: v for k, v in os.environ.items() if k not in (f"{prefix}JWT_PUBLIC_KEY", f"{prefix}JWT_PRIVATE_KEY")}
        env.update({
            f"{prefix}DATABASE_URL": self.database_url(service),
            f"{prefix}AMQP_URL": self.amqp_url,
            f"{prefix}AMQP_NAMESPACE": self.amqp_namespace,
            f"{prefix}JWT_PUBLIC_KEY_FILE": str(self.keys.public_key),
            f"{prefix}HOST": self.host,
            f"{prefix}PORT": str(self.ports[service]),
            f"{prefix}LOG_JSON": "true" if self.log_json else "false",
            "PYTHONUNBUFFERED": "1",
        })
        if service != "gateway":
            env[f"{prefix}JWKS_URL"] = f"{self.url('gateway')}/.well-known/jwks.json"
        if service == "gateway":
            env["GATEWAY_JWT_PRIVATE_KEY_FILE"] = str(self.keys.private_key)
            env["GATEWAY_REDIS_URL"] = self.redis_url
            if self.keys.operator_key_file.exists():
                env["GATEWAY_OPERATOR_KEY"] = self.keys.operator_key
            for backend in BACKENDS:
                env[f"GATEWAY_{backend.upper()}_URL"] = self.url(backend)
        if service == "notifications":
            # Mail goes to the stack's own catcher; partner webhooks may point at a local backend.
            env.update({"NOTIFICATIONS_SMTP_HOST": self.host, "NOTIFICATIONS_SMTP_PORT": str(self.mail_port),
                        "NOTIFICATIONS_WEBHOOKS_ALLOW_HTTP_LOCALHOST": "true"})
        env.update({f"{prefix}{key}": value for key, value in self.settings.items()})
        env.update(self.extra_env)
        return env

    # -- the steps -----------------------------------------------------------------------------

    def check_infra(self) -> None:
        """Raise StackError naming the server(s) that don't answer and how to start them."""
        problems = run_async(infra.unavailable(self.postgres_url, self.amqp_url, self.redis_url))
        if problems:
            raise StackError("\n".join(problems))

    def ensure_databases(self) -> list[str]:
        created = run_async(infra.ensure_databases(self.postgres_url, self.databases))
        if created:
            self.progress(f"created databases {', '.join(created)}")
        return created

    def ensure_keys(self) -> None:
        created = self.keys.ensure()
        if created:
            self.progress(f"created {', '.join(created)} in {self.keys.directory}")

    def migrate(self, timeout_s: float = 300.0) -> None:
        """`python -m <service> migrate` for every service, in parallel; output in logs/<service>.migrate.log."""
        self.logs_dir.mkdir(parents=True, exist_ok=True)
        running = {}
        for svc in self.services:
            path = self.logs_dir / f"{svc}.migrate.log"
            with path.open("wb") as log:
                running[svc] = (path, subprocess.Popen([self.python, "-m", svc, "migrate"], env=self.env(svc),
                                                       stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT))
        failures = []
        for svc, (path, process) in running.items():
            try:
                code = process.wait(timeout_s)
            except subprocess.TimeoutExpired:
                process.kill()
                code = process.wait()
            if code != 0:
                failures.append(f"{svc}: `python -m {svc} migrate` exited with {code}; last lines of {path}:\n"
                                f"{_tail(path)}")
        if failures:
            raise StackError("\n\n".join(failures))
        self.progress(f"migrated {', '.join(self.databases)}")

    def prepare(self) -> None:
        """Everything before starting the processes: servers up, databases, keys, migrations."""
        self.check_infra()
        self.ensure_databases()
        self.ensure_keys()
        self.migrate()

    def check_ports(self) -> None:
        ports = {svc: self.ports[svc] for svc in self.services}
        if "notifications" in self.services:
            ports["mail catcher"] = self.mail_port
        busy = [f"{name} ({port})" for name, port in ports.items() if not _port_free(self.host, port)]
        if busy:
            raise StackError(f"ports in use on {self.host}: {', '.join(busy)}. Is another stack running? "
                             "Stop it, or choose other ports (DEVSTACK_BASE_PORT / --base-port).")

    def launch(self) -> None:
        """Start every service as its own process (`python -m <service> run`), logging to logs/<service>.log."""
        self.check_ports()
        self.logs_dir.mkdir(parents=True, exist_ok=True)
        preexec = _die_with_parent()
        for svc in self.services:
            log = self._logs[svc] = self.log_path(svc).open("wb")
            command = [self.python, "-m", svc, "run", "--host", self.host, "--port", str(self.ports[svc])]
            self.processes[svc] = subprocess.Popen(command, env=self.env(svc), stdin=subprocess.DEVNULL,
                                                   stdout=log, stderr=subprocess.STDOUT, preexec_fn=preexec)
        if "notifications" in self.services:
            log = self._logs["mail"] = self.log_path("mail").open("wb")
            self.processes["mail"] = subprocess.Popen(
                [self.python, "-m", "devstack.mailcatcher", "--host", self.host, "--port", str(self.mail_port),
                 "--dir", str(self.mail_dir)],
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, preexec_fn=preexec)
        self.progress(f"started {', '.join(self.processes)}")

    def wait_ready(self, timeout_s: float | None = None) -> None:
        """Until every service's /readyz answers 200; StackError with the log tail of a service that
        exited or isn't ready in time."""
        timeout_s = self.ready_timeout_s if timeout_s is None else timeout_s
        deadline = time.monotonic() + timeout_s
        pending = set(self.services)
        last: dict[str, str] = {}
        with httpx.Client(timeout=2.0) as client:
            while pending:
                self.raise_if_exited()
                for svc in sorted(pending):
                    try:
                        response = client.get(f"{self.url(svc)}/readyz")
                        last[svc] = f"{response.status_code} {response.text[:200]}"
                        if response.status_code == 200:
                            pending.discard(svc)
                    except httpx.HTTPError as exc:
                        last[svc] = f"{type(exc).__name__}: {exc}"
                if not pending:
                    break
                if time.monotonic() > deadline:
                    details = [f"{svc}: last /readyz answer: {last.get(svc, 'none')}; last lines of "
                               f"{self.log_path(svc)}:\n{_tail(self.log_path(svc))}" for svc in sorted(pending)]
                    raise StackError(f"not ready after {timeout_s:.0f} s: {', '.join(sorted(pending))}\n\n"
                                     + "\n\n".join(details))
                time.sleep(0.2)
        self.progress("every /readyz answers 200")

    def exited(self) -> dict[str, int]:
        """The services whose process has ended, with its exit code."""
        return {svc: code for svc, process in self.processes.items() if (code := process.poll()) is not None}

    def raise_if_exited(self) -> None:
        exited = self.exited()
        if exited:
            details = [f"{svc} exited with code {code}; last lines of {self.log_path(svc)}:\n"
                       f"{_tail(self.log_path(svc))}" for svc, code in sorted(exited.items())]
            raise StackError("\n\n".join(details))

    def start(self) -> "Stack":
        """prepare(), launch() and wait_ready(); stops what it started if any step fails."""
        try:
            self.check_ports()  # before the slow steps: a second `make run` fails at once
            self.prepare()
            self.launch()
            self.wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self, timeout_s: float = 10.0) -> None:
        """SIGTERM to every service, SIGKILL to those still running after timeout_s."""
        for process in self.processes.values():
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + timeout_s
        for process in self.processes.values():
            try:
                process.wait(max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for log in self._logs.values():
            log.close()
        self.processes.clear()
        self._logs.clear()

    def destroy(self) -> None:
        """Drop the stack's databases and delete its queues and exchange (stop() it first)."""
        run_async(infra.drop_databases(self.postgres_url, self.databases))
        run_async(infra.delete_amqp_namespace(self.amqp_url, self.amqp_namespace, list(self.services)))

    def __enter__(self) -> "Stack":
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()
