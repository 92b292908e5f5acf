"""`Idempotency-Key`: a repeat returns the first response and changes nothing more."""

import asyncio
from datetime import timedelta

import httpx
import pytest
from asgi_lifespan import LifespanManager
from sqlalchemy import func, insert, select, text

from shared.auth import Role
from shared.database import create_engine
from shared.http import create_app
from shared.idempotency import idempotency_table, request_fingerprint
from shared.messaging.outbox import outbox_table
from shared.testing.probe import behaviour, probe_service


@pytest.fixture
async def probe_app(service_settings):
    service = probe_service("probe-idem")
    settings = await service_settings(service)
    app = create_app(service, settings)
    async with LifespanManager(app) as manager:
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=manager.app), base_url="http://probe")
        yield client, app.state.runtime


async def _outbox_rows(runtime) -> int:
    async with runtime.engine.connect() as conn:
        return (await conn.execute(select(func.count()).select_from(outbox_table))).scalar_one()


@pytest.mark.rule("PL-4")
async def test_a_repeat_returns_the_first_response_and_changes_nothing(probe_app, make_token):
    client, runtime = probe_app
    headers = {"Authorization": f"Bearer {make_token()}", "Idempotency-Key": "k-1"}
    first = await client.post("/v1/probes", json={"probe_id": "once"}, headers=headers)
    again = await client.post("/v1/probes", json={"probe_id": "once"}, headers=headers)

    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert (await client.get("/v1/probes/once", headers=headers)).json() == {"count": 1}
    assert await _outbox_rows(runtime) == 1


@pytest.mark.rule("PL-4")
async def test_the_same_key_with_another_body_is_refused(probe_app, make_token):
    client, _ = probe_app
    headers = {"Authorization": f"Bearer {make_token()}", "Idempotency-Key": "k-2"}
    await client.post("/v1/probes", json={"probe_id": "a"}, headers=headers)
    other = await client.post("/v1/probes", json={"probe_id": "b"}, headers=headers)
    assert other.status_code == 422
    assert other.json()["type"] == "/problems/idempotency-key-reused"
    assert (await client.get("/v1/probes/b", headers=headers)).json() == {"count": 0}


async def test_a_key_whose_first_request_still_runs_gets_409(probe_app, make_token):
    client, _ = probe_app
    headers = {"Authorization": f"Bearer {make_token()}", "Idempotency-Key": "k-3"}
    behaviour.gate = asyncio.Event()
    first = asyncio.create_task(client.post("/v1/probes", json={"probe_id": "slow"}, headers=headers))
    await asyncio.sleep(0.2)
    racing = await client.post("/v1/probes", json={"probe_id": "slow"}, headers=headers)
    behaviour.gate.set()
    assert racing.status_code == 409 and racing.headers["retry-after"] == "1"
    assert (await first).status_code == 201
    assert (await client.get("/v1/probes/slow", headers=headers)).json() == {"count": 1}


async def test_keys_belong_to_their_caller(probe_app, make_token):
    client, _ = probe_app
    alice = {"Authorization": f"Bearer {make_token('alice', Role.STUDENT)}", "Idempotency-Key": "shared-key"}
    bob = {"Authorization": f"Bearer {make_token('bob', Role.STUDENT)}", "Idempotency-Key": "shared-key"}
    first = await client.post("/v1/probes", json={"probe_id": "alice"}, headers=alice)
    second = await client.post("/v1/probes", json={"probe_id": "bob"}, headers=bob)
    assert first.status_code == second.status_code == 201
    assert "idempotent-replayed" not in second.headers
    assert second.json()["probe_id"] == "bob"


async def test_a_refused_request_is_final_for_its_key(probe_app, make_token):
    client, _ = probe_app
    headers = {"Authorization": f"Bearer {make_token()}", "Idempotency-Key": "k-5"}
    invalid = await client.post("/v1/probes", json={}, headers=headers)
    assert invalid.status_code == 422
    # a 4xx answer is final for that key and body: the repeat replays it
    assert (await client.post("/v1/probes", json={}, headers=headers)).headers["idempotent-replayed"] == "true"


async def test_a_refusal_that_may_pass_later_is_not_kept(probe_app):
    client, _ = probe_app
    headers = {"Idempotency-Key": "k-6"}
    first = await client.post("/v1/probes", json={"probe_id": "no-token"}, headers=headers)
    again = await client.post("/v1/probes", json={"probe_id": "no-token"}, headers=headers)
    assert first.status_code == again.status_code == 401
    assert "idempotent-replayed" not in again.headers  # answered afresh, not replayed from the key


async def test_a_key_whose_first_request_died_is_taken_over_after_a_while(probe_app, make_token):
    client, runtime = probe_app
    async with runtime.engine.begin() as conn:  # a first request that never finished, 10 minutes ago
        await conn.execute(insert(idempotency_table).values(
            scope="user:mkt-a:user-1", key="k-7", fingerprint="from-a-dead-request",
            created_at=func.now() - timedelta(minutes=10)))
    headers = {"Authorization": f"Bearer {make_token()}", "Idempotency-Key": "k-7"}
    taken_over = await client.post("/v1/probes", json={"probe_id": "revived"}, headers=headers)
    assert taken_over.status_code == 201 and "idempotent-replayed" not in taken_over.headers
    again = await client.post("/v1/probes", json={"probe_id": "revived"}, headers=headers)
    assert again.headers["idempotent-replayed"] == "true"


async def test_a_key_whose_holder_process_died_is_taken_over_at_once(probe_app, make_token, service_settings):
    client, runtime = probe_app
    # Another replica of the service, holding the key of a request it is running: one connection of
    # its pool open, as a live process has while it works.
    replica = create_engine(runtime.settings.database_url, application_name="probe-idem-replica0001")
    body = b'{"probe_id": "held"}'
    headers = {"Authorization": f"Bearer {make_token()}", "Idempotency-Key": "k-8", "Content-Type": "application/json"}
    async with replica.connect() as conn:
        await conn.execute(insert(idempotency_table).values(
            scope="user:mkt-a:user-1", key="k-8", holder="probe-idem-replica0001 claim1",
            fingerprint=request_fingerprint("POST", "/v1/probes", b"", body)))
        await conn.commit()
        alive = await client.post("/v1/probes", content=body, headers=headers)
        assert alive.status_code == 409 and alive.json()["type"] == "/problems/idempotency-key-in-use"
    await replica.dispose()  # the replica is killed: its connections are gone, and its transactions
    async with runtime.engine.connect() as conn:  # the server notices a closed connection within moments
        for _ in range(100):
            if not (await conn.execute(text(
                    "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'probe-idem-replica0001'"
            ))).scalar_one():
                break
            await asyncio.sleep(0.02)

    taken_over = await client.post("/v1/probes", content=body, headers=headers)
    assert taken_over.status_code == 201 and "idempotent-replayed" not in taken_over.headers
    assert (await client.get("/v1/probes/held", headers=headers)).json() == {"count": 1}
    again = await client.post("/v1/probes", content=body, headers=headers)
    assert again.headers["idempotent-replayed"] == "true"


async def test_a_request_whose_key_was_taken_over_does_not_overwrite_the_takers_answer(probe_app, make_token):
    client, runtime = probe_app
    headers = {"Authorization": f"Bearer {make_token()}", "Idempotency-Key": "k-9"}
    behaviour.gate = asyncio.Event()
    first = asyncio.create_task(client.post("/v1/probes", json={"probe_id": "slow-one"}, headers=headers))
    await asyncio.sleep(0.2)
    async with runtime.engine.begin() as conn:  # as if its process had been seen gone and another took over
        await conn.execute(idempotency_table.update().where(idempotency_table.c.key == "k-9").values(
            holder="someone-else claim", status_code=201, headers={}, body=b'{"taken": "over"}',
            completed_at=func.now()))
    behaviour.gate.set()
    assert (await first).status_code == 201
    again = await client.post("/v1/probes", json={"probe_id": "slow-one"}, headers=headers)
    assert again.json() == {"taken": "over"}
