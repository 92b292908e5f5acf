"""Secret and publishable keys, their scopes, and what a frontend needs: only its user's token."""

import uuid

import httpx
import pytest
from asgi_lifespan import LifespanManager

from booking.service import service as booking_service
from shared.auth import TokenVerifier
from shared.events import ApiKeyRevoked, Envelope
from shared.http import create_app
from shared.revoked_keys import record_revocation

from .conftest import OPERATOR, assert_problem, register_partner


async def issue_key(client: httpx.AsyncClient, marketplace_id: str, **scopes) -> dict:
    created = await client.post(f"/v1/admin/marketplaces/{marketplace_id}/api-keys", headers=OPERATOR, json=scopes)
    assert created.status_code == 201, created.text
    return created.json()


async def mint(client: httpx.AsyncClient, key: str, role: str = "student", user_id: str | None = None,
               **more) -> httpx.Response:
    return await client.post("/v1/auth/tokens", headers={"X-Api-Key": key},
                             json={"user_id": user_id or f"{role}-1", "role": role, **more})


@pytest.mark.rule("PL-1")
async def test_a_publishable_key_mints_nothing(client, partner):
    publishable = await issue_key(client, partner.marketplace_id, kind="publishable")
    assert publishable["key"].startswith("pk_") and publishable["roles"] == []
    assert_problem(await mint(client, publishable["key"]), 403, "secret-key-required")


@pytest.mark.rule("PL-1")
async def test_a_key_mints_only_the_roles_it_was_issued_for(client, partner):
    default = await issue_key(client, partner.marketplace_id)
    assert default["key"].startswith("sk_") and sorted(default["roles"]) == ["provider", "student"]
    assert (await mint(client, default["key"], "student")).status_code == 201
    assert (await mint(client, default["key"], "provider")).status_code == 201
    assert_problem(await mint(client, default["key"], "staff"), 403, "role-not-in-key-scope")

    staff_key = await issue_key(client, partner.marketplace_id, roles=["staff"])
    assert (await mint(client, staff_key["key"], "staff")).status_code == 201
    assert_problem(await mint(client, staff_key["key"], "student"), 403, "role-not-in-key-scope")


async def test_a_token_lives_no_longer_than_its_key_allows(client, partner, keypair):
    short = await issue_key(client, partner.marketplace_id, max_token_ttl_s=300)
    default_ttl = await mint(client, short["key"])
    assert default_ttl.json()["expires_in"] == 300
    assert (await mint(client, short["key"], ttl_s=120)).json()["expires_in"] == 120
    problem = assert_problem(await mint(client, short["key"], ttl_s=600), 422, "validation-error")
    assert problem["errors"][0]["field"] == "ttl_s"
    identity = TokenVerifier(keypair[1], "lessons-gateway", "lessons-api").verify(default_ttl.json()["access_token"])
    assert identity.api_key_id == short["id"]


async def test_a_publishable_key_with_powers_is_refused_when_issued(client, partner):
    response = await client.post(f"/v1/admin/marketplaces/{partner.marketplace_id}/api-keys", headers=OPERATOR,
                                 json={"kind": "publishable", "roles": ["student"]})
    assert_problem(response, 422, "validation-error")


@pytest.mark.rule("PL-1")
async def test_a_frontend_calls_with_its_users_token_alone(client, partner):
    token = (await mint(client, partner.api_key)).json()["access_token"]
    bearer = {"Authorization": f"Bearer {token}"}
    assert (await client.post("/v1/messages", headers=bearer, json={"body": "hi"})).status_code == 201

    publishable = await issue_key(client, partner.marketplace_id, kind="publishable")
    with_key = await client.post("/v1/messages", headers={**bearer, "X-Api-Key": publishable["key"]}, json={})
    assert with_key.status_code == 201

    other = await register_partner(client)
    assert_problem(await client.post("/v1/messages", headers={**bearer, "X-Api-Key": other.api_key}, json={}),
                   403, "marketplace-mismatch")


@pytest.mark.rule("PL-1")
async def test_revoking_a_key_stops_the_tokens_it_minted(client, partner):
    key = await issue_key(client, partner.marketplace_id)
    token = (await mint(client, key["key"])).json()["access_token"]
    bearer = {"Authorization": f"Bearer {token}"}
    assert (await client.post("/v1/messages", headers=bearer, json={})).status_code == 201
    await client.delete(f"/v1/admin/marketplaces/{partner.marketplace_id}/api-keys/{key['id']}", headers=OPERATOR)
    assert_problem(await client.post("/v1/messages", headers=bearer, json={}), 401, "token-key-revoked")
    # Sent with another live key of the marketplace, the token is still one of a revoked key.
    assert_problem(await client.post("/v1/messages", headers={**bearer, "X-Api-Key": partner.api_key}, json={}),
                   401, "token-key-revoked")


@pytest.mark.rule("PL-1")
@pytest.mark.parametrize(("method", "path"), [("PUT", "/v1/marketplace/policy"), ("POST", "/v1/webhooks"),
                                              ("PATCH", "/v1/webhooks/wh-1"), ("DELETE", "/v1/webhooks/wh-1"),
                                              ("PUT", "/v1/channels/marketplace-discord")])
async def test_managing_the_marketplace_takes_a_secret_key(client, partner, method, path):
    staff_key = await issue_key(client, partner.marketplace_id, roles=["staff"])
    staff = {"Authorization": f"Bearer {(await mint(client, staff_key['key'], 'staff')).json()['access_token']}"}
    publishable = await issue_key(client, partner.marketplace_id, kind="publishable")
    assert_problem(await client.request(method, path, headers=staff, json={}), 403, "secret-key-required")
    assert_problem(await client.request(method, path, headers={**staff, "X-Api-Key": publishable["key"]}, json={}),
                   403, "secret-key-required")
    passed = await client.request(method, path, headers={**staff, "X-Api-Key": staff_key["key"]}, json={})
    if path.endswith("policy"):
        assert_problem(passed, 403, "key-scope-missing")
        policy_key = await issue_key(client, partner.marketplace_id, roles=["staff"], can_change_policy=True)
        passed = await client.request(method, path, headers={**staff, "X-Api-Key": policy_key["key"]}, json={})
    assert passed.status_code not in (401, 403), passed.text  # the service's own answer from here on


@pytest.mark.rule("PL-1")
async def test_a_service_refuses_a_token_of_a_revoked_key_itself(client, partner, service_settings):
    key = await issue_key(client, partner.marketplace_id)
    token = (await mint(client, key["key"])).json()["access_token"]
    settings = await service_settings(booking_service, database="booking_revocations")
    app = create_app(booking_service, settings)
    async with LifespanManager(app) as manager, httpx.AsyncClient(
            transport=httpx.ASGITransport(app=manager.app), base_url="http://booking") as booking:
        bearer = {"Authorization": f"Bearer {token}"}
        assert (await booking.get("/v1/marketplace", headers=bearer)).status_code != 401
        event = Envelope(type=ApiKeyRevoked.event_type, source="gateway", marketplace=partner.marketplace_id,
                         correlation_id=uuid.uuid4(),
                         data=ApiKeyRevoked(key_id=key["id"], marketplace_id=partner.marketplace_id))
        async with app.state.runtime.uow() as uow:  # what booking's consumer does with the event
            await record_revocation(event, uow)
            await uow.commit()
        await app.state.revoked_keys.refresh(app.state.runtime.engine)
        assert_problem(await booking.get("/v1/marketplace", headers=bearer), 401, "token-key-revoked")
