"""The whole backend, every service its own process, driven over HTTP as a partner frontend would."""

import httpx
import pytest

from devstack import SERVICES

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(300)]


@pytest.fixture(scope="module")
def stack(start_stack):
    """Its own databases, AMQP namespace, ports and keys; dropped and deleted at the end."""
    with start_stack("stack") as stack:
        yield stack


@pytest.mark.parametrize("service", SERVICES)
def test_every_service_is_alive_and_ready(stack, service):
    base = stack.url(service)
    health = httpx.get(f"{base}/healthz")
    assert health.status_code == 200, health.text
    assert health.json() == {"status": "ok"}
    ready = httpx.get(f"{base}/readyz")
    assert ready.status_code == 200, ready.text
    assert ready.json()["checks"] == {"database": "ok", "broker": "ok"}


def test_a_partner_registers_a_marketplace_and_reads_it_through_the_gateway(stack, partner_first_steps, preset_of):
    marketplace = partner_first_steps(stack.gateway_url, stack.keys.operator_key, marketplace_id="acme")

    assert marketplace["id"] == "acme"
    assert marketplace["name"] == "Acme Coaching"
    assert preset_of(marketplace) == "coaching"


def test_the_gateway_publishes_one_openapi_document_and_its_docs(stack):
    document = httpx.get(f"{stack.gateway_url}/openapi.json")
    assert document.status_code == 200, document.text
    paths = document.json()["paths"]
    assert {"/v1/admin/marketplaces", "/v1/auth/tokens", "/v1/marketplace"} <= set(paths)
    docs = httpx.get(f"{stack.gateway_url}/docs")
    assert docs.status_code == 200
    assert "text/html" in docs.headers["content-type"]


def test_metrics_are_exposed_for_scraping(stack):
    for service in SERVICES:
        metrics = httpx.get(f"{stack.url(service)}/metrics")
        assert metrics.status_code == 200, (service, metrics.text)
        assert "# TYPE" in metrics.text
