"""`python -m devstack run|migrate|check|keys|drop`: the local stack from the command line.

Every option also reads an environment variable (DEVSTACK_DB_PREFIX, DEVSTACK_AMQP_NAMESPACE,
DEVSTACK_BASE_PORT, DEVSTACK_STATE_DIR, DEVSTACK_HOST, DEVSTACK_POSTGRES_URL, DEVSTACK_AMQP_URL, DEVSTACK_REDIS_URL,
DEVSTACK_LOG_JSON), so `make run` can be pointed elsewhere without editing anything.
"""

import argparse
import logging
import os
import shlex
import signal
import sys
import time
from pathlib import Path

from devstack import infra
from devstack.stack import BACKENDS, SERVICES, Keys, Stack, StackError, run_async


def _env(name: str, default: str) -> str:
    return os.environ.get(f"DEVSTACK_{name}") or default


def _shown(path: Path) -> str:
    """A path as short as it can be said from here."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _stack_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--prefix", default=_env("DB_PREFIX", "lessons"),
                        help="databases are <prefix>_<service> (DEVSTACK_DB_PREFIX; default %(default)s)")
    parser.add_argument("--namespace", default=_env("AMQP_NAMESPACE", "lessons"),
                        help="prefix of the exchange and queue names (DEVSTACK_AMQP_NAMESPACE; default %(default)s)")
    parser.add_argument("--base-port", type=int, default=int(_env("BASE_PORT", "8000")),
                        help="gateway's port; the others follow it in the order "
                             f"{', '.join(SERVICES)} (DEVSTACK_BASE_PORT; default %(default)s)")
    parser.add_argument("--state-dir", default=_env("STATE_DIR", ".run/devstack"),
                        help="keys and logs (DEVSTACK_STATE_DIR; default %(default)s)")
    parser.add_argument("--host", default=_env("HOST", "127.0.0.1"), help="DEVSTACK_HOST; default %(default)s")
    _server_options(parser)


def _server_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--postgres-url", default=_env("POSTGRES_URL", infra.LOCAL_POSTGRES),
                        help="an admin URL, postgresql+asyncpg:// (DEVSTACK_POSTGRES_URL; default %(default)s)")
    parser.add_argument("--amqp-url", default=_env("AMQP_URL", infra.LOCAL_AMQP),
                        help="DEVSTACK_AMQP_URL; default %(default)s")
    parser.add_argument("--redis-url", default=_env("REDIS_URL", infra.LOCAL_REDIS),
                        help="the gateway's rate-limit counters (DEVSTACK_REDIS_URL; default %(default)s)")


def _stack(args: argparse.Namespace) -> Stack:
    return Stack(db_prefix=args.prefix, amqp_namespace=args.namespace, base_port=args.base_port,
                 state_dir=args.state_dir, postgres_url=args.postgres_url, amqp_url=args.amqp_url,
                 redis_url=args.redis_url, host=args.host,
                 log_json=_env("LOG_JSON", "false").lower() in ("1", "true", "yes"),
                 progress=lambda message: print(f"  {message}", flush=True))


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def run(args: argparse.Namespace) -> int:
    stack = _stack(args)
    # Ctrl-C and SIGTERM stop the services too (also when started with SIGINT ignored, as `cmd &` does).
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    print(f"Starting the lessons backend ({len(stack.services)} services) ...", flush=True)
    try:
        stack.start()
    except KeyboardInterrupt:
        print("Interrupted.")
        return 130
    print(_banner(stack), flush=True)
    try:
        while not (exited := stack.exited()):
            time.sleep(0.5)
        print(f"\n{', '.join(exited)} stopped on its own; stopping the others.\n", file=sys.stderr)
        try:
            stack.raise_if_exited()
        except StackError as exc:
            print(exc, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nStopping ...", flush=True)
        return 0
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the clean stop short
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        stack.stop()
        print("Stopped.", flush=True)


def _banner(stack: Stack) -> str:
    gateway = stack.gateway_url
    key = _shown(stack.keys.operator_key_file)
    others = ", ".join(f"{svc} {stack.url(svc)}" for svc in BACKENDS if svc in stack.services)
    return f"""
The lessons backend is running.

  Gateway       {gateway}
  API docs      {gateway}/docs   (OpenAPI document: {gateway}/openapi.json)
  Services      {others}
                each with /healthz, /readyz and /metrics
  Databases     {', '.join(stack.databases)}   AMQP namespace: {stack.amqp_namespace}
  Logs          {_shown(stack.logs_dir)}/<service>.log
  Mail          sent mail is kept in {_shown(stack.mail_dir)}/*.eml (SMTP catcher on port {stack.mail_port})
  Operator key  {key}

First request: register a marketplace (README.md, "Quick start", goes on from there)

  curl -s -X POST {gateway}/v1/admin/marketplaces \\
    -H "X-Operator-Key: $(cat {shlex.quote(key)})" -H 'Content-Type: application/json' \\
    -d '{{"id": "acme", "name": "Acme Coaching", "policy_preset": "coaching"}}'

Press Ctrl-C to stop.
"""


def migrate(args: argparse.Namespace) -> int:
    _stack(args).prepare()
    return 0


def check(args: argparse.Namespace) -> int:
    _stack(args).check_infra()
    print("PostgreSQL and RabbitMQ answer.")
    return 0


def keys(args: argparse.Namespace) -> int:
    made = Keys(Path(args.dir)).ensure()
    print(f"{'created ' + ', '.join(made) if made else 'kept the existing keys'} in {args.dir}")
    return 0


def drop(args: argparse.Namespace) -> int:
    if not args.prefix and not args.namespace:
        raise StackError("say what to drop: --prefix P (databases P_<service>) and/or --namespace N (AMQP names)")
    if args.prefix:
        databases = [f"{infra.check_identifier(args.prefix, 'database prefix')}_{svc}" for svc in SERVICES]
        dropped = run_async(infra.drop_databases(args.postgres_url, databases))
        print(f"dropped databases: {', '.join(dropped) or 'none existed'}")
    if args.namespace:
        run_async(infra.delete_amqp_namespace(args.amqp_url, args.namespace, list(SERVICES)))
        print(f"deleted the queues and the exchange of AMQP namespace {args.namespace!r}")
    return 0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m devstack", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    for name, func, text in (
        ("run", run, "start every service and keep them running until Ctrl-C (make run)"),
        ("migrate", migrate, "create the databases and keys if missing and apply every service's migrations"),
        ("check", check, "do PostgreSQL and RabbitMQ answer?"),
    ):
        sub = commands.add_parser(name, help=text)
        _stack_options(sub)
        sub.set_defaults(func=func)
    sub = commands.add_parser("keys", help="create the token key pair and operator key in a directory, once")
    sub.add_argument("--dir", default=str(Path(_env("STATE_DIR", ".run/devstack")) / "keys"))
    sub.set_defaults(func=keys)
    sub = commands.add_parser("drop", help="drop a stack's databases and/or delete its AMQP queues and exchange")
    sub.add_argument("--prefix", help="drop the databases <prefix>_<service>")
    sub.add_argument("--namespace", help="delete the queues <namespace>.<service>[...] and the exchange")
    _server_options(sub)
    sub.set_defaults(func=drop)
    args = parser.parse_args(argv)
    # The broker client logs each failed connection attempt; check_infra() reports them better.
    for name in ("aiormq", "aio_pika"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        code = args.func(args)
    except (StackError, ValueError) as exc:
        print(f"devstack {args.command}: {exc}", file=sys.stderr)
        code = 1
    sys.exit(code)


if __name__ == "__main__":
    main()
