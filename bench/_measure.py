"""What bench/booking.py measures besides its own clocks: CPU per process group, the services'
Prometheus histograms, the machine, and py-spy profiles. Linux /proc; elsewhere the CPU figures are empty."""

from __future__ import annotations

import math
import os
import platform
import pwd
import re
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100); NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


# ----------------------------------------------------------------------------------------- the machine

def machine() -> dict:
    model = ""
    try:
        with open("/proc/cpuinfo") as f:
            model = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), "")
    except OSError:
        pass
    memory_gb = math.nan
    try:
        with open("/proc/meminfo") as f:
            memory_gb = int(next(line for line in f if line.startswith("MemTotal")).split()[1]) / 1024 / 1024
    except (OSError, StopIteration, ValueError):
        pass
    return {"cores": os.cpu_count(), "cpu": model, "memory_gb": round(memory_gb, 1),
            "python": sys.version.split()[0], "platform": platform.platform()}


# ------------------------------------------------------------------------------------------ CPU by group

def _user_of(uid: int, cache: dict[int, str]) -> str:
    if uid not in cache:
        try:
            cache[uid] = pwd.getpwuid(uid).pw_name
        except KeyError:
            cache[uid] = str(uid)
    return cache[uid]


class CpuSampler:
    """CPU seconds (user + system, all threads) of every process, grouped: each named pid on its own
    (the services, this client, the reference app), PostgreSQL's and RabbitMQ's processes by their
    user, everything else as "other". A process that ended between two snapshots is left out."""

    def __init__(self, database_prefix: str = "") -> None:
        self.named: dict[int, str] = {}
        self._users: dict[int, str] = {}
        # PostgreSQL backends serving databases of this prefix are "postgresql (ours)", those of other
        # databases (other work on the machine) "other"; the server's own processes "postgresql (server)".
        self.database_prefix = database_prefix

    def name(self, pid: int, group: str) -> None:
        self.named[pid] = group

    def snapshot(self) -> tuple[dict[int, tuple[str, tuple[float, float]]], dict[str, float]]:
        found: dict[int, tuple[str, tuple[float, float]]] = {}
        for entry in os.listdir("/proc") if os.path.isdir("/proc") else []:
            if not entry.isdigit():
                continue
            pid = int(entry)
            try:
                with open(f"/proc/{pid}/stat") as f:
                    raw = f.read()
                comm = raw[raw.index("(") + 1:raw.rindex(")")]
                fields = raw.rpartition(")")[2].split()
                cpu = (int(fields[11]) / TICK, int(fields[12]) / TICK)  # user, system
                group = self.named.get(pid)
                if group is None:
                    user = _user_of(os.stat(f"/proc/{pid}").st_uid, self._users)
                    if user == "postgres" or comm == "postgres":
                        group = self._postgres_group(pid)
                    elif user == "rabbitmq":
                        group = "rabbitmq"
                    elif comm in ("beam.smp", "erl_child_setup", "epmd", "inet_gethost"):
                        group = "rabbitmq"
                    else:
                        group = "other"
                found[pid] = (group, cpu)
            except (OSError, ValueError, IndexError):
                continue
        return found, machine_busy_s()

    def _postgres_group(self, pid: int) -> str:
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                title = f.read().replace(b"\0", b" ").decode(errors="replace").split()
        except OSError:
            return "postgresql (server)"
        # A backend's title: "postgres: 15/main: <user> <database> <client> <state>".
        if len(title) >= 5 and ("(" in title[4] or title[4] == "[local]"):
            if self.database_prefix and title[3].startswith(self.database_prefix):
                return "postgresql (ours)"
            return "other"
        return "postgresql (server)"

    @staticmethod
    def delta(before, after) -> tuple[dict[str, tuple[float, float]], dict[str, float]]:
        """CPU seconds (user, system) by group between two snapshots, and the machine's (machine_busy_s)."""
        (p0, busy0), (p1, busy1) = before, after
        totals: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
        for pid, (group, (user, system)) in p1.items():
            user0, system0 = p0.get(pid, (group, (0.0, 0.0)))[1]
            totals[group][0] += user - user0
            totals[group][1] += system - system0
        machine_s = {name: busy1[name] - busy0.get(name, 0.0) for name in busy1}
        return {group: (user, system) for group, (user, system) in totals.items()}, machine_s


def print_cpu_table(title: str, seconds: float, machine_s: dict[str, float],
                    cpu: dict[str, tuple[float, float]], cores_total: int, done: int, per: str) -> None:
    """The CPU of every process group over a window: cores, kernel share and ms per unit of work done
    (`per`: what was done, e.g. "completed"), then the machine's CPU that no process was charged."""
    cores = {k: v / seconds for k, v in machine_s.items()}
    print(f"\nCPU in the window{title} ({seconds:.0f} s): machine busy {cores.get('busy', 0):.2f} "
          f"of {cores_total} cores: user {cores.get('user', 0):.2f}, "
          f"system {cores.get('system', 0):.2f}, softirq {cores.get('softirq', 0):.2f}, "
          f"steal {cores.get('steal', 0):.2f}")
    print(f"  {'process':22} {'cores':>6} {'of which kernel':>16} {'ms CPU per ' + per:>22}")
    for group, (user, system) in sorted(cpu.items(), key=lambda kv: -sum(kv[1])):
        used = user + system
        if used / seconds >= 0.005:
            print(f"  {group:22} {used / seconds:6.2f} {system / used:16.0%} {used / done * 1e3:22.2f}")
    ours = sum(u + s for g, (u, s) in cpu.items() if g != "other")
    print(f"  {'all but other':22} {ours / seconds:6.2f} {'':16} {ours / done * 1e3:22.2f}")
    unaccounted = machine_s.get("busy", 0) - sum(u + s for u, s in cpu.values())
    print(f"  {'charged to no process':22} {unaccounted / seconds:6.2f} {'':16} "
          f"{unaccounted / done * 1e3:22.2f}   (softirq, steal, processes that ended)")


def machine_busy_s() -> dict[str, float]:
    """CPU seconds the whole machine spent so far (all cores) per /proc/stat column, and "busy" (all
    but idle and iowait). softirq (loopback TCP is processed there) and steal (the hypervisor) are
    charged to no process."""
    try:
        with open("/proc/stat") as f:
            fields = [int(x) / TICK for x in f.readline().split()[1:9]]
    except OSError:
        return {}
    names = ("user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal")
    found = dict(zip(names, fields, strict=False))
    found["busy"] = sum(fields) - found["idle"] - found.get("iowait", 0.0)
    return found


# ------------------------------------------------------------------------------- Prometheus histograms

_SAMPLE = re.compile(r'^(?P<name>[a-z_]+)_(?P<kind>sum|count)\{(?P<labels>[^}]*)\} (?P<value>[0-9.e+-]+)$')


def histogram_totals(text: str, names: tuple[str, ...]) -> dict[tuple[str, str], list[float]]:
    """{(histogram, labels): [sum, count]} of the histograms `names` in a /metrics answer."""
    found: dict[tuple[str, str], list[float]] = {}
    for line in text.splitlines():
        match = _SAMPLE.match(line)
        if not match or match["name"] not in names:
            continue
        slot = found.setdefault((match["name"], match["labels"]), [0.0, 0.0])
        slot[0 if match["kind"] == "sum" else 1] = float(match["value"])
    return found


@dataclass
class Mean:
    what: str
    count: int
    mean_ms: float


def histogram_means(before: dict, after: dict, min_count: int = 10) -> list[Mean]:
    means = []
    for key, (s1, c1) in after.items():
        s0, c0 = before.get(key, [0.0, 0.0])
        if c1 - c0 >= min_count:
            labels = dict(part.split("=", 1) for part in key[1].split(",") if "=" in part)
            label = " ".join(v.strip('"') for k, v in labels.items() if k in ("method", "route", "type"))
            if key[0] == "http_request_duration_seconds" and labels.get("status", '"200"').strip('"')[0] != "2":
                label += f" ({labels['status'].strip(chr(34))})"
            means.append(Mean(label, int(c1 - c0), (s1 - s0) / (c1 - c0) * 1e3))
    return sorted(means, key=lambda m: -m.count * m.mean_ms)


# ----------------------------------------------------------------------------------------------- py-spy

def py_spy() -> str | None:
    local = Path(sys.executable).parent / "py-spy"
    return str(local) if local.exists() else shutil.which("py-spy")


def start_profiles(pids: dict[str, int], seconds: float, directory: Path, rate: int = 100) -> list:
    """py-spy record (non-blocking, raw collapsed stacks) of each process for `seconds`."""
    binary = py_spy()
    if binary is None:
        raise SystemExit("--profile needs py-spy: .venv/bin/pip install py-spy (not a project requirement)")
    directory.mkdir(parents=True, exist_ok=True)
    running = []
    for name, pid in pids.items():
        out = directory / f"{name}.txt"
        running.append((name, out, subprocess.Popen(
            [binary, "record", "--pid", str(pid), "--duration", str(int(seconds)), "--rate", str(rate),
             "--nonblocking", "--format", "raw", "--output", str(out)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)))
    return running


def _frame_name(frame: str) -> str:
    # py-spy raw frames: "function (path/to/module.py:123)"; keep function and file, drop the line.
    return re.sub(r":\d+\)$", ")", frame.strip())


def summarize_profile(path: Path, top: int = 15) -> list[str]:
    """Self time by function and inclusive time by a few telling groups, from collapsed stacks."""
    selfs: Counter = Counter()
    groups: Counter = Counter()
    total = 0
    try:
        lines = path.read_text().splitlines()
    except OSError:
        return ["(no profile)"]
    probes = {
        "sqlalchemy": "sqlalchemy/", "asyncpg": "asyncpg/", "pydantic": "pydantic", "structlog/logging": "structlog",
        "jwt verify": "jwt/", "starlette/fastapi": ("starlette/", "fastapi/"),
        "aio_pika/aiormq": ("aio_pika", "aiormq"), "threadpool hand-off": ("to_thread", "run_in_threadpool"),
        "httpx/httpcore": ("httpx/", "httpcore/"), "idempotency middleware": "shared/idempotency.py",
        "prometheus": "prometheus_client",
    }
    for line in lines:
        stack, _, count = line.rpartition(" ")
        try:
            n = int(count)
        except ValueError:
            continue
        frames = stack.split(";")
        total += n
        selfs[_frame_name(frames[-1])] += n
        for label, needle in probes.items():
            needles = needle if isinstance(needle, tuple) else (needle,)
            if any(any(x in f for x in needles) for f in frames):
                groups[label] += n
    if not total:
        return ["(empty profile)"]
    # SQLAlchemy's async ORM runs in greenlets, whose stacks don't show the request or handler that
    # started them: hence libraries, not activities, as groups.
    out = [f"{total} samples; inclusive: " + ", ".join(f"{k} {v / total:.0%}" for k, v in groups.most_common())]
    out += [f"  {n / total:6.1%}  {name}" for name, n in selfs.most_common(top)]
    return out
