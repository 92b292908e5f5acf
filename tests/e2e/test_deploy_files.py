"""The files that run the services elsewhere (docker-compose.yml, Dockerfile, deploy/) agree with the
code and with each other. No Docker engine or cluster is needed: they are read, not run."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from devstack import SERVICES

REPO = Path(__file__).resolve().parents[2]
SERVICE_DIRS = sorted(path.parent.name for path in (REPO / "services").glob("*/pyproject.toml"))


def test_the_devstack_knows_every_service_of_the_repository():
    assert sorted(SERVICES) == SERVICE_DIRS


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((REPO / "docker-compose.yml").read_text())


def test_compose_runs_every_service_migrated_healthchecked_and_after_its_dependencies(compose):
    services = compose["services"]
    init_sql = (REPO / "deploy/compose/initdb/10-databases.sql").read_text()
    databases = set(re.findall(r"CREATE DATABASE (\w+);", init_sql))
    for name in SERVICE_DIRS:
        service = services[name]
        prefix = f"{name.upper()}_"
        assert service["build"]["args"]["SERVICE"] == name
        assert all(key.startswith(prefix) for key in service["environment"]), name
        database = service["environment"][f"{prefix}DATABASE_URL"].rsplit("/", 1)[1]
        assert database in databases, name
        command = " ".join(service["command"])
        assert command.index(f"python -m {name} migrate") < command.index(f"python -m {name} run"), name
        port = re.search(r"--port (\d+)", command).group(1)
        assert f"127.0.0.1:{port}/readyz" in " ".join(service["healthcheck"]["test"]), name
        assert service["depends_on"]["keys"]["condition"] == "service_completed_successfully"
        for dependency, condition in service["depends_on"].items():
            assert dependency in services, (name, dependency)
            if "healthcheck" not in services[dependency] and condition["condition"] == "service_healthy":
                pytest.fail(f"{name} waits for {dependency} to be healthy, which has no healthcheck")
    gateway = services["gateway"]
    for backend in (name for name in SERVICE_DIRS if name != "gateway"):
        assert gateway["environment"][f"GATEWAY_{backend.upper()}_URL"] == f"http://{backend}:8000"
        assert gateway["depends_on"][backend]["condition"] == "service_healthy"
    assert {"postgres", "rabbitmq", "mailpit", "keys"} <= set(services)


def test_the_image_holds_what_compose_and_the_manifests_run():
    dockerfile = (REPO / "Dockerfile").read_text()
    assert "FROM python:3.11-slim" in dockerfile
    assert re.search(r"^USER 10001", dockerfile, re.MULTILINE)  # non-root, numeric for runAsNonRoot
    for path in ("constraints.txt", "shared/", "services/", "tools/devstack/"):
        assert f"COPY {path}" in dockerfile
        assert f"!{path}" in (REPO / ".dockerignore").read_text()


def test_the_kubernetes_base_is_generated_from_deploy_generate_py():
    check = subprocess.run([sys.executable, str(REPO / "deploy/generate.py"), "--check"],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_the_kubernetes_base_splits_the_roles_and_scales_consumers_on_their_queue():
    base = REPO / "deploy/base"
    common = yaml.safe_load((base / "common/configmap.yaml").read_text())
    namespace = common["data"]["AMQP_NAMESPACE"]
    assert set(yaml.safe_load((base / "kustomization.yaml").read_text())["resources"]) == {"common", *SERVICE_DIRS}
    for name in SERVICE_DIRS:
        folder = base / name
        documents = {path.name: yaml.safe_load(path.read_text()) for path in folder.glob("*.yaml")}
        assert set(documents["kustomization.yaml"]["resources"]) == set(documents) - {"kustomization.yaml"}
        by_kind = {(doc["kind"], doc["metadata"]["name"]): doc for doc in documents.values() if "metadata" in doc}
        for role in ("api", "scheduler"):
            pod = by_kind[("Deployment", f"{name}-{role}")]["spec"]["template"]
            container = pod["spec"]["containers"][0]
            assert container["command"] == ["python", "-m", name]
            assert container["args"][:3] == ["run", "--role", role]
            assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
            assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
            assert pod["metadata"]["annotations"]["prometheus.io/path"] == "/metrics"
        api_labels = by_kind[("Deployment", f"{name}-api")]["spec"]["template"]["metadata"]["labels"]
        assert by_kind[("Service", name)]["spec"]["selector"] == api_labels
        assert by_kind[("HorizontalPodAutoscaler", f"{name}-api")]["spec"]["scaleTargetRef"]["name"] == f"{name}-api"
        assert by_kind[("Job", f"{name}-migrate")]["spec"]["template"]["spec"]["containers"][0]["args"] == ["migrate"]
        if name == "gateway":  # publishes events, consumes none
            assert ("Deployment", "gateway-consumer") not in by_kind
            continue
        scaled = by_kind[("ScaledObject", f"{name}-consumer")]["spec"]
        assert scaled["scaleTargetRef"]["name"] == f"{name}-consumer"
        assert ("Deployment", f"{name}-consumer") in by_kind
        trigger = scaled["triggers"][0]
        assert trigger["type"] == "rabbitmq"
        assert trigger["metadata"]["mode"] == "QueueLength"
        assert trigger["metadata"]["queueName"] == f"{namespace}.{name}"
