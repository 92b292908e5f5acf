"""The app every service gets from the factory: health, readiness, problem details, request ids."""


import httpx
import pytest
from asgi_lifespan import LifespanManager

from shared.http import create_app
from shared.testing.probe import probe_service
from shared.testing.proxy import TcpProxy, line_to


@pytest.fixture
async def db_line(infra):
    async with line_to(infra.postgres_url, 5432) as proxy:
        yield proxy


@pytest.fixture
async def client_for(service_settings):
    managers = []

    async def make(db_proxy: TcpProxy | None = None) -> httpx.AsyncClient:
        service = probe_service("probe-http")
        settings = await service_settings(service)
        if db_proxy is not None:
            settings.database_url = db_proxy.url_for(settings.database_url)
        manager = LifespanManager(create_app(service, settings))
        managers.append(manager)
        app = (await manager.__aenter__()).app
        return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://probe")

    yield make
    for manager in managers:
        await manager.__aexit__(None, None, None)


async def test_healthz_and_readyz_answer(client_for):
    client = await client_for()
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    ready = await client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["checks"] == {"database": "ok"}


async def test_readyz_fails_while_the_database_is_unreachable(client_for, db_line):
    client = await client_for(db_proxy=db_line)
    assert (await client.get("/readyz")).status_code == 200

    db_line.cut()
    down = await client.get("/readyz")
    assert down.status_code == 503
    assert down.json()["checks"]["database"].startswith("unreachable")
    assert (await client.get("/healthz")).status_code == 200  # the process itself is fine

    db_line.mend()
    assert (await client.get("/readyz")).status_code == 200


async def test_errors_are_problem_details_with_the_request_id(client_for):
    client = await client_for()
    response = await client.get("/nowhere", headers={"X-Request-ID": "req-42"})
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["x-request-id"] == "req-42"
    assert response.json() == {"type": "/problems/not-found", "title": "Not found", "status": 404,
                                    "detail": "Not Found", "instance": "/nowhere", "request_id": "req-42"}


@pytest.mark.rule("PL-5")
async def test_bad_input_names_the_field_and_changes_nothing(client_for, make_token):
    client = await client_for()
    auth = {"Authorization": f"Bearer {make_token()}"}
    response = await client.post("/v1/probes", json={"probe": "x"}, headers=auth)
    assert response.status_code == 422
    problem = response.json()
    assert problem["type"] == "/problems/validation-error"
    assert problem["errors"] == [{"field": "probe_id", "message": "Field required", "code": "missing"}]
    assert (await client.get("/v1/probes/x", headers=auth)).json() == {"count": 0}


async def test_a_request_without_a_token_is_refused(client_for):
    client = await client_for()
    response = await client.get("/v1/probes/x")
    assert response.status_code == 401
    assert response.json()["type"] == "/problems/missing-token"
    assert response.headers["www-authenticate"] == "Bearer"
