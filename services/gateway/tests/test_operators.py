import hashlib
import uuid

import pytest
from sqlalchemy import func, select

from gateway.api_keys.models import ApiKey
from gateway.marketplaces.models import Marketplace
from shared.messaging.outbox import outbox_table

from .conftest import OPERATOR, assert_problem


async def test_admin_calls_need_the_operator_key(client):
    assert_problem(await client.get("/v1/admin/marketplaces"), 401, "invalid-operator-key")
    wrong = {"X-Operator-Key": "not-the-operator-key"}
    assert_problem(await client.post("/v1/admin/marketplaces", headers=wrong,
                                     json={"name": "X", "policy_preset": "coaching"}), 401, "invalid-operator-key")


async def registered_events(gateway, marketplace_id: str) -> list[str]:
    async with gateway.app.state.runtime.engine.connect() as conn:
        rows = await conn.execute(select(outbox_table.c.body).where(
            outbox_table.c.event_type == "gateway.marketplace_registered.v1",
            outbox_table.c.body.contains(f'"marketplace":"{marketplace_id}"')))
        return list(rows.scalars())


async def marketplace_count(gateway) -> int:
    async with gateway.app.state.runtime.engine.connect() as conn:
        return (await conn.execute(select(func.count()).select_from(Marketplace))).scalar_one()


async def test_registering_a_marketplace_announces_it_through_the_outbox(gateway, client):
    marketplace_id = f"studio-{uuid.uuid4().hex[:8]}"
    response = await client.post("/v1/admin/marketplaces", headers=OPERATOR, json={
        "id": marketplace_id, "name": "Studio", "policy_preset": "studio", "policy_overrides": {"reminders": [24]}})
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["id"] == marketplace_id and body["status"] == "active" and body["policy_preset"] == "studio"
    assert response.headers["location"] == f"/v1/admin/marketplaces/{marketplace_id}"
    assert (await client.get(response.headers["location"], headers=OPERATOR)).json() == body
    [event] = await registered_events(gateway, marketplace_id)
    assert '"policy_overrides":{"reminders":[24]}' in event


async def test_the_id_is_made_from_the_name_when_left_out(client):
    response = await client.post("/v1/admin/marketplaces", headers=OPERATOR,
                                 json={"name": "Ana's Piano Lessons!", "policy_preset": "lessons"})
    assert response.status_code == 201
    assert response.json()["id"].startswith("ana-s-piano-lessons-")


async def test_a_taken_id_is_a_conflict(client, partner):
    response = await client.post("/v1/admin/marketplaces", headers=OPERATOR, json={
        "id": partner.marketplace_id, "name": "Again", "policy_preset": "coaching"})
    assert_problem(response, 409, "marketplace-exists")


@pytest.mark.rule("PL-5")
async def test_bad_input_names_the_field_and_changes_nothing(gateway, client):
    before = await marketplace_count(gateway)
    response = await client.post("/v1/admin/marketplaces", headers=OPERATOR, json={
        "id": "Not A Slug", "name": "X", "policy_preset": "karate"})
    problem = assert_problem(response, 422, "validation-error")
    assert {error["field"] for error in problem["errors"]} == {"id", "policy_preset"}
    assert await marketplace_count(gateway) == before


@pytest.mark.rule("PL-4")
async def test_a_repeated_registration_returns_the_first_answer_and_registers_once(gateway, client):
    marketplace_id = f"therapy-{uuid.uuid4().hex[:8]}"
    headers = {**OPERATOR, "Idempotency-Key": uuid.uuid4().hex}
    body = {"id": marketplace_id, "name": "Therapy", "policy_preset": "therapy"}
    first = await client.post("/v1/admin/marketplaces", headers=headers, json=body)
    repeat = await client.post("/v1/admin/marketplaces", headers=headers, json=body)
    assert first.status_code == repeat.status_code == 201
    assert repeat.headers["idempotent-replayed"] == "true"
    assert repeat.json() == first.json()
    assert repeat.headers["location"] == first.headers["location"]
    assert len(await registered_events(gateway, marketplace_id)) == 1
    other_body = await client.post("/v1/admin/marketplaces", headers=headers, json={**body, "name": "Other"})
    assert_problem(other_body, 422, "idempotency-key-reused")


async def test_listing_pages_through_every_marketplace_once_in_creation_order(client):
    created = [(await client.post("/v1/admin/marketplaces", headers=OPERATOR, json={
        "name": f"Paging {n}", "policy_preset": "coaching"})).json()["id"] for n in range(3)]
    seen, cursor = [], None
    while True:
        page = await client.get("/v1/admin/marketplaces", headers=OPERATOR,
                                params={"limit": 2, **({"cursor": cursor} if cursor else {})})
        assert page.status_code == 200
        assert len(page.json()["items"]) <= 2
        seen += [item["id"] for item in page.json()["items"]]
        cursor = page.json()["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen))
    assert [mid for mid in seen if mid in created] == created


async def test_a_cursor_not_from_the_api_is_refused(client):
    response = await client.get("/v1/admin/marketplaces", headers=OPERATOR, params={"cursor": "bm9wZQ"})
    assert_problem(response, 422, "invalid-cursor")


async def test_api_keys_are_shown_once_and_stored_as_a_hash(gateway, client, partner):
    response = await client.post(f"/v1/admin/marketplaces/{partner.marketplace_id}/api-keys", headers=OPERATOR)
    assert response.status_code == 201
    issued = response.json()
    assert issued["key"].startswith(issued["prefix"]) and len(issued["key"]) > 40
    assert response.headers["cache-control"] == "no-store"
    async with gateway.app.state.runtime.engine.connect() as conn:
        stored = (await conn.execute(select(ApiKey).where(ApiKey.id == issued["id"]))).one()
    assert stored.key_hash == hashlib.sha256(issued["key"].encode()).hexdigest()
    assert stored.prefix == issued["prefix"] and stored.marketplace_id == partner.marketplace_id


async def test_api_keys_of_unknown_marketplaces_or_keys_are_not_found(client, partner):
    assert_problem(await client.post("/v1/admin/marketplaces/no-such-place/api-keys", headers=OPERATOR),
                   404, "marketplace-not-found")
    assert_problem(await client.delete(f"/v1/admin/marketplaces/{partner.marketplace_id}/api-keys/nope",
                                       headers=OPERATOR), 404, "api-key-not-found")
    other = (await client.post("/v1/admin/marketplaces", headers=OPERATOR,
                               json={"name": "Other", "policy_preset": "lessons"})).json()["id"]
    assert_problem(await client.delete(f"/v1/admin/marketplaces/{other}/api-keys/{partner.key_id}",
                                       headers=OPERATOR), 404, "api-key-not-found")


async def test_revoking_twice_is_fine(client, partner):
    path = f"/v1/admin/marketplaces/{partner.marketplace_id}/api-keys/{partner.key_id}"
    assert (await client.delete(path, headers=OPERATOR)).status_code == 204
    assert (await client.delete(path, headers=OPERATOR)).status_code == 204
