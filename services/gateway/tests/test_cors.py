"""CORS per marketplace: the partner's server lists its browser origins; preflights from them are
answered, calls from any other origin refused."""

import pytest

from .conftest import assert_problem, register_partner
from .test_key_scopes import issue_key, mint

APP = "https://app.acme.example"


async def allow(client, partner, *origins: str):
    response = await client.put("/v1/allowed-origins", headers={"X-Api-Key": partner.api_key},
                                json={"origins": list(origins)})
    assert response.status_code == 200, response.text
    return response.json()["origins"]


async def test_the_partners_server_sets_its_origins_with_a_secret_key(client, partner):
    assert await allow(client, partner, "https://App.Acme.example:443/", "http://localhost:5173") == [
        APP, "http://localhost:5173"]
    read = await client.get("/v1/allowed-origins", headers={"X-Api-Key": partner.api_key})
    assert read.json() == {"origins": [APP, "http://localhost:5173"]}
    publishable = await issue_key(client, partner.marketplace_id, kind="publishable")
    assert_problem(await client.put("/v1/allowed-origins", headers={"X-Api-Key": publishable["key"]},
                                    json={"origins": ["https://evil.example"]}), 403, "secret-key-required")


@pytest.mark.parametrize("origin", ["https://app.example/path", "ftp://app.example", "http://app.example",
                                    "https://user@app.example", "null", "*"])
async def test_an_origin_that_is_not_one_is_refused(client, partner, origin):
    response = await client.put("/v1/allowed-origins", headers={"X-Api-Key": partner.api_key},
                                json={"origins": [origin]})
    assert_problem(response, 422, "validation-error")


async def test_a_preflight_is_answered_only_for_an_allowed_origin(client, partner):
    await allow(client, partner, APP)
    asked = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type"}
    allowed = await client.options("/v1/messages", headers={"Origin": APP, **asked})
    assert allowed.status_code == 204
    assert allowed.headers["access-control-allow-origin"] == APP
    assert "POST" in allowed.headers["access-control-allow-methods"]
    assert "Authorization" in allowed.headers["access-control-allow-headers"]

    other = await client.options("/v1/messages", headers={"Origin": "https://evil.example", **asked})
    assert other.status_code == 403 and "access-control-allow-origin" not in other.headers


async def test_a_call_from_a_page_of_another_origin_is_refused(client, partner):
    await allow(client, partner, APP)
    bearer = {"Authorization": f"Bearer {(await mint(client, partner.api_key)).json()['access_token']}"}
    from_app = await client.post("/v1/messages", headers={**bearer, "Origin": APP}, json={"body": "hi"})
    assert from_app.status_code == 201
    assert from_app.headers["access-control-allow-origin"] == APP and "Origin" in from_app.headers["vary"]
    assert "Location" in from_app.headers["access-control-expose-headers"]

    refused = await client.post("/v1/messages", headers={**bearer, "Origin": "https://evil.example"}, json={})
    assert_problem(refused, 403, "origin-not-allowed")
    assert "access-control-allow-origin" not in refused.headers

    # Another marketplace's origin is no origin of this one.
    other = await register_partner(client)
    await allow(client, other, "https://other.example")
    assert_problem(await client.post("/v1/messages", headers={**bearer, "Origin": "https://other.example"},
                                     json={}), 403, "origin-not-allowed")


async def test_a_server_call_without_an_origin_needs_no_list(client, partner):
    bearer = {"Authorization": f"Bearer {(await mint(client, partner.api_key)).json()['access_token']}"}
    assert (await client.post("/v1/messages", headers=bearer, json={})).status_code == 201
