"""README's quick start on a fresh clone: `make run` (new virtual environment, install, databases,
keys, migrations, every service), then a partner's first requests, then Ctrl-C.

The clone holds what is committed in the repository these tests run from, not uncommitted changes.
pip's cache makes the fresh install affordable; the virtual environment is still a new one.
"""

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from devstack import SERVICES, delete_amqp_namespace, drop_databases, free_base_port
from devstack.stack import run_async

REPO = Path(__file__).resolve().parents[2]
INSTALL_AND_START_S = 600


@pytest.mark.e2e
@pytest.mark.timeout(INSTALL_AND_START_S + 120)
def test_make_run_in_a_fresh_clone_serves_a_partners_first_requests(tmp_path, run_id, infra, partner_first_steps,
                                                                   preset_of):
    clone, state = tmp_path / "clone", tmp_path / "state"
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(clone)], check=True, timeout=120)
    assert not (clone / ".venv").exists()
    if not (clone / "Makefile").exists() or not (clone / "tools/devstack").exists():
        pytest.fail(f"the clone of {REPO} has no Makefile or tools/devstack: this test runs what is committed, "
                    "so commit them first", pytrace=False)
    prefix, namespace, base_port = f"mkrun_{run_id}", f"mkrun-{run_id}", free_base_port()
    env = {key: value for key, value in os.environ.items() if key not in ("VIRTUAL_ENV", "MAKEFLAGS", "MAKELEVEL")}
    # The clone must make its own virtual environment, not pick up the one running these tests.
    venv_bin = str(Path(sys.prefix) / "bin")
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if p != venv_bin)
    env.update(DEVSTACK_DB_PREFIX=prefix, DEVSTACK_AMQP_NAMESPACE=namespace, DEVSTACK_BASE_PORT=str(base_port),
               DEVSTACK_STATE_DIR=str(state), DEVSTACK_POSTGRES_URL=infra.postgres_url,
               DEVSTACK_AMQP_URL=infra.amqp_url)
    gateway = f"http://127.0.0.1:{base_port}"
    output = tmp_path / "make-run.log"
    started = time.monotonic()
    with output.open("wb") as log:
        make = subprocess.Popen(["make", "run"], cwd=clone, env=env, stdin=subprocess.DEVNULL, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_until_running(make, output, INSTALL_AND_START_S)
        up_after = time.monotonic() - started
        assert (clone / ".venv" / "bin" / "python").exists()
        text = output.read_text()
        assert f"Gateway       {gateway}" in text
        assert f"{gateway}/docs" in text

        marketplace = partner_first_steps(gateway, (state / "keys" / "operator_key").read_text().strip())
        assert (marketplace["id"], preset_of(marketplace)) == ("acme", "coaching")
        for offset, service in enumerate(SERVICES):
            assert httpx.get(f"http://127.0.0.1:{base_port + offset}/readyz").status_code == 200, service
        print(f"make run in a fresh clone: install and start took {up_after:.0f} s")
    finally:
        _interrupt(make)  # Ctrl-C, as in a terminal: to the whole process group
        run_async(drop_databases(infra.postgres_url, [f"{prefix}_{service}" for service in SERVICES]))
        run_async(delete_amqp_namespace(infra.amqp_url, namespace, list(SERVICES)))

    assert "Stopped." in output.read_text()
    for offset in range(len(SERVICES)):  # every service went down with it
        with pytest.raises(httpx.ConnectError):
            httpx.get(f"http://127.0.0.1:{base_port + offset}/healthz")


def _wait_until_running(make: subprocess.Popen, output: Path, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while "Press Ctrl-C to stop." not in output.read_text(errors="replace"):
        if make.poll() is not None:
            pytest.fail(f"make run exited with {make.returncode}:\n{_tail(output)}", pytrace=False)
        if time.monotonic() > deadline:
            pytest.fail(f"make run was not up after {timeout_s} s:\n{_tail(output)}", pytrace=False)
        time.sleep(1)


def _interrupt(make: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(make.pid, signal.SIGINT)
    try:
        make.wait(30)
    except subprocess.TimeoutExpired:
        os.killpg(make.pid, signal.SIGKILL)
        make.wait()


def _tail(path: Path, lines: int = 60) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
