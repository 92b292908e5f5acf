import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from booking.marketplaces.handlers import record_marketplace
from shared.auth import Role, TokenIssuer
from shared.events import Envelope
from shared.idempotency import idempotency_table
from shared.messaging.outbox import outbox_table

from .conftest import EVENTS, OPERATOR, assert_problem, register_partner


def calling(partner, token: str | None = None, **headers) -> dict:
    auth = {"Authorization": f"Bearer {token}"} if token else {}
    return {"X-Api-Key": partner.api_key, **auth, **headers}


async def deliver_registration_to_booking(gateway, booking, marketplace_id: str) -> None:
    """What the relay and booking's consumer do, minus the broker: the outboxed event, handled by booking."""
    async with gateway.app.state.runtime.engine.connect() as conn:
        bodies = (await conn.execute(select(outbox_table.c.body).where(
            outbox_table.c.event_type == "gateway.marketplace_registered.v1"))).scalars()
        [event] = [e for e in map(Envelope.parse, bodies) if e.marketplace == marketplace_id]
    async with booking.app.state.runtime.uow() as uow:
        await record_marketplace(event, uow)
        await uow.commit()


async def test_calls_need_an_api_key(client, partner, make_token):
    token = make_token(marketplace_id=partner.marketplace_id)
    assert_problem(await client.get("/v1/marketplace", headers={"Authorization": f"Bearer {token}"}),
                   401, "missing-api-key")
    assert_problem(await client.get("/v1/marketplace", headers={"X-Api-Key": "lk_guess", "Authorization":
                                                                f"Bearer {token}"}), 401, "invalid-api-key")


async def test_a_revoked_key_stops_working_at_once(client, partner, make_token):
    headers = calling(partner, make_token(marketplace_id=partner.marketplace_id))
    assert_problem(await client.get("/v1/marketplace", headers=headers), 404, "marketplace-not-found")  # booking's
    revoked = await client.delete(f"/v1/admin/marketplaces/{partner.marketplace_id}/api-keys/{partner.key_id}",
                                  headers=OPERATOR)
    assert revoked.status_code == 204
    assert_problem(await client.get("/v1/marketplace", headers=headers), 401, "invalid-api-key")


async def test_calls_need_a_valid_user_token(client, partner, keypair):
    assert_problem(await client.get("/v1/marketplace", headers=calling(partner)), 401, "missing-token")
    assert_problem(await client.get("/v1/marketplace", headers=calling(partner, "not-a-jwt")), 401, "invalid-token")
    expired = TokenIssuer(keypair[0], "lessons-gateway", "lessons-api", ttl=timedelta(minutes=-5))
    token = expired.issue("u1", Role.STUDENT, partner.marketplace_id)[0]
    assert_problem(await client.get("/v1/marketplace", headers=calling(partner, token)), 401, "token-expired")


@pytest.mark.rule("PL-1")
async def test_a_token_of_another_marketplace_is_refused(client, partner, make_token):
    other = await register_partner(client)
    token = make_token(marketplace_id=other.marketplace_id)
    problem = assert_problem(await client.get("/v1/marketplace", headers=calling(partner, token)),
                             403, "marketplace-mismatch")
    assert other.marketplace_id not in problem["detail"]


@pytest.mark.rule("PL-1")
async def test_each_partner_reaches_booking_as_its_own_marketplace(gateway, booking, client, make_token):
    first, second = await register_partner(client), await register_partner(client)
    first_call = calling(first, make_token("student-1", Role.STUDENT, first.marketplace_id))
    assert_problem(await client.get("/v1/marketplace", headers=first_call), 404, "marketplace-not-found")
    for partner in (first, second):
        await deliver_registration_to_booking(gateway, booking, partner.marketplace_id)
    for partner in (first, second):
        token = make_token("provider-1", Role.PROVIDER, partner.marketplace_id)
        response = await client.get("/v1/marketplace", headers=calling(partner, token))
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "application/json"
        assert response.json()["id"] == partner.marketplace_id


async def test_the_request_id_travels_to_the_service_and_back(client, partner, make_token):
    headers = calling(partner, make_token(marketplace_id=partner.marketplace_id), **{"X-Request-ID": "req-42"})
    response = await client.get("/v1/marketplace", headers=headers)
    assert response.headers["x-request-id"] == "req-42"
    assert response.json()["request_id"] == "req-42"  # booking's problem names the id it received
    made_up = await client.get("/v1/marketplace", headers=calling(partner, make_token(
        marketplace_id=partner.marketplace_id)))
    assert made_up.headers["x-request-id"] and made_up.json()["request_id"] == made_up.headers["x-request-id"]


async def test_paths_no_service_serves_are_not_found(client, partner, make_token):
    headers = calling(partner, make_token(marketplace_id=partner.marketplace_id))
    assert_problem(await client.get("/v1/nothing-here", headers=headers), 404, "route-not-found")
    assert_problem(await client.get("/v1/bookings/../admin", headers=headers), 404, "route-not-found")


async def test_a_service_that_is_down_is_a_bad_gateway_naming_it(client, partner, make_token):
    response = await client.get("/v1/wallet", headers=calling(partner, make_token(
        marketplace_id=partner.marketplace_id)))
    problem = assert_problem(response, 502, "upstream-unavailable")
    assert problem["service"] == "wallet" and "wallet" in problem["detail"]


async def test_a_service_that_does_not_answer_is_a_gateway_timeout(client, partner, make_token):
    response = await client.get("/v1/disputes", headers=calling(partner, make_token(
        marketplace_id=partner.marketplace_id)))
    assert assert_problem(response, 504, "upstream-timeout")["service"] == "disputes"


@pytest.mark.rule("PL-4")
async def test_a_routed_repeat_is_answered_by_the_service_that_keeps_the_key(gateway, client, partner, make_token):
    key = uuid.uuid4().hex
    headers = calling(partner, make_token(marketplace_id=partner.marketplace_id), **{"Idempotency-Key": key})
    first = await client.post("/v1/bookings", headers=headers, json={"offering": "x"})
    repeat = await client.post("/v1/bookings", headers=headers, json={"offering": "x"})
    # booking has no bookings route yet; its answer, whatever it is, is kept under the key and replayed.
    assert repeat.status_code == first.status_code and repeat.content == first.content
    assert "idempotent-replayed" not in first.headers and repeat.headers["idempotent-replayed"] == "true"
    async with gateway.app.state.runtime.engine.connect() as conn:
        kept_here = (await conn.execute(select(func.count()).select_from(idempotency_table).where(
            idempotency_table.c.key == key))).scalar_one()
    assert kept_here == 0


async def test_the_service_gets_the_call_as_the_partner_sent_it(client, partner, make_token):
    token = make_token(marketplace_id=partner.marketplace_id)
    response = await client.post("/v1/messages/a%2Fb?x=%20&y=1", content=b"plain words", headers=calling(
        partner, token, **{"X-Request-ID": "req-7", "Idempotency-Key": "k1", "Cookie": "c=d"}))
    assert response.status_code == 201, response.text
    seen = response.json()
    assert (seen["method"], seen["raw_path"], seen["query"], seen["body"]) == (
        "POST", "/v1/messages/a%2Fb", "x=%20&y=1", "plain words")
    headers = seen["headers"]
    assert headers["authorization"] == f"Bearer {token}" and headers["idempotency-key"] == "k1"
    assert headers["x-request-id"] == "req-7"
    # No content type of the gateway's making, and nothing of the partner's the service must not see.
    assert not {"content-type", "x-api-key", "cookie"} & set(headers)
    assert response.headers["location"] == "/v1/messages/m1" and response.headers["etag"] == '"7"'
    assert "set-cookie" not in response.headers


async def test_an_event_stream_is_handed_on_whole(client, partner, make_token):
    response = await client.get("/v1/stream", headers=calling(partner, make_token(
        marketplace_id=partner.marketplace_id)))
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/event-stream" and "x-not-returned" not in response.headers
    assert response.content == b"".join(EVENTS)


async def test_an_answer_without_a_body_stays_without_one(client, partner, make_token):
    response = await client.delete("/v1/alerts/none", headers=calling(partner, make_token(
        marketplace_id=partner.marketplace_id)))
    assert response.status_code == 204 and response.content == b""
