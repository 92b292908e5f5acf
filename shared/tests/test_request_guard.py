"""What every service answers before its routes see a request, and when they fail: NUL characters and
bodies over the limit refused, an unexpected error answered without breaking the connection, an
unreachable database answered with 503."""

import aiohttp
import asyncpg
import httpx
import pytest
import sqlalchemy.exc
from asgi_lifespan import LifespanManager

from shared.http import create_app
from shared.testing.probe import behaviour, probe_service
from shared.testing.proxy import line_to
from shared.testing.serving import serving


@pytest.fixture
async def probe_app(service_settings):
    service = probe_service("probe-guard")
    settings = await service_settings(service, max_body_bytes=4096)
    async with LifespanManager(create_app(service, settings)) as manager:
        yield manager.app


@pytest.fixture
async def client(probe_app):
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=probe_app), base_url="http://probe") as client:
        yield client


@pytest.fixture
def auth(make_token) -> dict:
    return {"Authorization": f"Bearer {make_token()}"}


def assert_field_refused(response: httpx.Response, field: str) -> None:
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["type"] == "/problems/validation-error"
    assert problem["errors"] == [{"field": field, "message": "must not contain the NUL character (U+0000)",
                                  "code": "nul_character"}]


@pytest.mark.parametrize(("body", "field"), [
    ({"probe_id": "a\u0000b"}, "probe_id"),
    ({"probe_id": "p", "tags": [{"name": "ok"}, {"name": "\u0000"}]}, "tags[1].name"),
    ({"probe_id": "p", "a\u0000": 1}, "body"),
])
async def test_a_nul_character_in_a_body_is_refused_naming_the_field(client, auth, body, field):
    assert_field_refused(await client.post("/v1/probes", json=body, headers=auth), field)
    assert (await client.get("/v1/probes/p", headers=auth)).json() == {"count": 0}


async def test_an_escaped_backslash_before_u0000_is_no_nul(client, auth):
    # The JSON text \\u0000 is a backslash and "u0000": a legal string, kept as it is.
    created = await client.post("/v1/probes", content=b'{"probe_id": "x\\\\u0000"}',
                                  headers={**auth, "Content-Type": "application/json"})
    assert created.status_code == 201, created.text
    assert created.json()["probe_id"] == "x\\u0000"


async def test_a_nul_character_in_a_path_or_query_is_refused(client, auth):
    assert_field_refused(await client.get("/v1/probes/%00", headers=auth), "path")
    assert_field_refused(await client.get("/v1/probes/p?booking_id=%00", headers=auth), "query.booking_id")


async def test_a_body_over_the_limit_is_refused_before_it_is_read_whole(client, auth):
    declared = await client.post("/v1/probes", content=b"x" * 5000,
                                 headers={**auth, "Content-Type": "application/json"})
    assert declared.status_code == 413
    assert declared.json()["type"] == "/problems/body-too-large"

    async def chunks():  # no Content-Length: counted as it arrives
        for _ in range(100):
            yield b"x" * 1000

    streamed = await client.post("/v1/probes", content=chunks(), headers=auth)
    assert streamed.status_code == 413
    assert (await client.get("/v1/probes/p", headers=auth)).json() == {"count": 0}


async def test_an_unexpected_error_answers_500_and_the_connection_serves_the_next_request(probe_app, auth):
    behaviour.route_error = RuntimeError("a bug")
    async with serving(probe_app) as url, aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=1)) as session:  # one connection, kept alive between calls
        async with session.post(f"{url}/v1/probes", json={"probe_id": "p1"}, headers=auth) as failed:
            assert failed.status == 500
            assert (await failed.json(content_type=None))["type"] == "/problems/internal-error"
        behaviour.route_error = None
        async with session.post(f"{url}/v1/probes", json={"probe_id": "p2"}, headers=auth) as created:
            assert created.status == 201


async def test_an_unreachable_database_answers_503_with_retry_after(service_settings, infra, auth):
    service = probe_service("probe-outage")
    settings = await service_settings(service)
    async with line_to(infra.postgres_url, 5432) as line:
        settings.database_url = line.url_for(settings.database_url)
        async with LifespanManager(create_app(service, settings)) as manager, httpx.AsyncClient(
                transport=httpx.ASGITransport(app=manager.app), base_url="http://probe") as client:
            assert (await client.post("/v1/probes", json={"probe_id": "a"}, headers=auth)).status_code == 201
            line.cut()
            for method, path, headers in (("POST", "/v1/probes", auth),
                                          ("POST", "/v1/probes", {**auth, "Idempotency-Key": "k"}),
                                          ("GET", "/v1/probes/a", auth)):
                down = await client.request(method, path, json={"probe_id": "b"}, headers=headers)
                assert down.status_code == 503, down.text
                assert down.headers["retry-after"] == "5"
                assert down.json()["type"] == "/problems/service-unavailable"
            line.mend()
            assert (await client.get("/v1/probes/b", headers=auth)).json() == {"count": 0}


@pytest.mark.parametrize("race", [asyncpg.UniqueViolationError("duplicate key value violates unique constraint"),
                                  asyncpg.SerializationError("could not serialize access"),
                                  asyncpg.DeadlockDetectedError("deadlock detected")])
async def test_a_race_a_route_did_not_foresee_answers_409_not_500(client, auth, race):
    behaviour.route_error = sqlalchemy.exc.IntegrityError("INSERT ...", {}, race)
    response = await client.post("/v1/probes", json={"probe_id": "raced"}, headers=auth)
    assert response.status_code == 409, response.text
    assert response.json()["type"] == "/problems/concurrent-change" and response.headers["retry-after"] == "1"
