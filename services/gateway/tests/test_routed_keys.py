"""An Idempotency-Key of a routed call belongs to one caller and one operation, across services."""

import uuid

import pytest

from .conftest import assert_problem
from .test_proxy import calling


@pytest.mark.rule("PL-4")
async def test_a_key_used_on_one_service_is_refused_on_another(client, partner, make_token):
    key = uuid.uuid4().hex
    headers = calling(partner, make_token(marketplace_id=partner.marketplace_id), **{"Idempotency-Key": key})
    first = await client.post("/v1/bookings", headers=headers, json={"offering_id": "o1"})
    assert first.json()["type"] != "/problems/idempotency-key-reused"  # booking's own answer (no such offering)

    elsewhere = await client.post("/v1/messages", headers=headers, json={"body": "hello"})
    problem = assert_problem(elsewhere, 422, "idempotency-key-reused")
    assert "POST /v1/bookings" in problem["detail"]
    # The service the second call was meant for never saw it: the echo stand-in would have answered 201.

    again = await client.post("/v1/bookings", headers=headers, json={"offering_id": "o1"})
    assert again.headers.get("idempotent-replayed") == "true"


@pytest.mark.rule("PL-4")
async def test_the_same_key_of_two_users_binds_each_on_its_own(client, partner, make_token):
    key = uuid.uuid4().hex
    alice = calling(partner, make_token("alice", marketplace_id=partner.marketplace_id), **{"Idempotency-Key": key})
    bob = calling(partner, make_token("bob", marketplace_id=partner.marketplace_id), **{"Idempotency-Key": key})
    assert (await client.post("/v1/messages", headers=alice, json={"body": "a"})).status_code == 201
    assert (await client.post("/v1/chats/c1/messages", headers=bob, json={"body": "b"})).status_code == 201
