"""Every service's request guard refuses card data before any route, idempotency record or log line
sees it, and says how to tokenize instead (shared.card_data, hooked into shared.request_guard)."""

import httpx
import pytest
from asgi_lifespan import LifespanManager

from shared.http import create_app
from shared.testing.probe import probe_service


@pytest.fixture
async def client(service_settings):
    service = probe_service("probe-cards")
    settings = await service_settings(service)
    async with LifespanManager(create_app(service, settings)) as manager, httpx.AsyncClient(
            transport=httpx.ASGITransport(app=manager.app), base_url="http://probe") as client:
        yield client


@pytest.fixture
def auth(make_token) -> dict:
    return {"Authorization": f"Bearer {make_token()}", "Idempotency-Key": "cards-1"}


@pytest.mark.rule("PL-5")
@pytest.mark.parametrize(("body", "field"), [
    ({"probe_id": "p", "card": {"number": "4242 4242 4242 4242", "cvc": "123"}}, "card.number"),
    ({"probe_id": "p", "cvv": "987"}, "cvv"),
    ({"probe_id": "4000000000000002"}, "probe_id"),
])
async def test_card_data_is_refused_naming_the_field_and_the_tokenization_route(client, auth, body, field):
    refused = await client.post("/v1/probes", json=body, headers=auth)
    assert refused.status_code == 422, refused.text
    assert refused.headers["content-type"] == "application/problem+json"
    problem = refused.json()
    assert problem["type"] == "/problems/card-data-refused"
    assert problem["errors"] == [{"field": field, "message": problem["errors"][0]["message"], "code": "card_data"}]
    assert problem["tokenize_at"] == "POST /sandbox-processor/v1/tokens"
    assert problem["detail"].startswith(f"{field}: ") and '{"token": "tok_...' in problem["detail"]
    for secret in ("4242", "0002", "987", "123"):
        assert secret not in refused.text.replace(problem["request_id"], ""), "nothing of the card is echoed"
    assert (await client.get("/v1/probes/p", headers=auth)).json() == {"count": 0}


async def test_a_body_without_card_data_goes_through(client, auth):
    created = await client.post("/v1/probes", json={"probe_id": "1234567812345670"}, headers=auth)
    assert created.status_code == 201, created.text
