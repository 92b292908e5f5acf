import time
from datetime import UTC, datetime

import jwt
import pytest

from shared.auth import Role, TokenVerifier

from .conftest import OPERATOR, assert_problem


async def test_a_partner_gets_a_token_of_its_marketplace_for_its_user(client, partner, keypair):
    response = await client.post("/v1/auth/tokens", headers={"X-Api-Key": partner.api_key},
                                 json={"user_id": "student-7", "role": "student"})
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 900
    assert response.headers["cache-control"] == "no-store"
    identity = TokenVerifier(keypair[1], "lessons-gateway", "lessons-api").verify(body["access_token"])
    assert (identity.user_id, identity.role, identity.marketplace_id) == ("student-7", Role.STUDENT,
                                                                           partner.marketplace_id)
    remaining = datetime.fromisoformat(body["expires_at"]) - datetime.now(UTC)
    assert 890 < remaining.total_seconds() <= 900


async def test_tokens_need_a_live_api_key(client, partner):
    body = {"user_id": "u1", "role": "provider"}
    assert_problem(await client.post("/v1/auth/tokens", json=body), 401, "missing-api-key")
    assert_problem(await client.post("/v1/auth/tokens", headers={"X-Api-Key": "lk_made-up"}, json=body),
                   401, "invalid-api-key")
    await client.delete(f"/v1/admin/marketplaces/{partner.marketplace_id}/api-keys/{partner.key_id}",
                        headers=OPERATOR)
    assert_problem(await client.post("/v1/auth/tokens", headers={"X-Api-Key": partner.api_key}, json=body),
                   401, "invalid-api-key")


async def test_an_unknown_role_names_the_field(client, partner):
    response = await client.post("/v1/auth/tokens", headers={"X-Api-Key": partner.api_key},
                                 json={"user_id": "u1", "role": "admin"})
    problem = assert_problem(response, 422, "validation-error")
    assert [error["field"] for error in problem["errors"]] == ["role"]


@pytest.mark.parametrize("user_id", ["a\u0000b", "line\nbreak", "tab\there", "\u007f", "x" * 201])
async def test_a_user_id_with_control_characters_gets_no_token(client, partner, user_id):
    response = await client.post("/v1/auth/tokens", headers={"X-Api-Key": partner.api_key},
                                 json={"user_id": user_id, "role": "student"})
    problem = assert_problem(response, 422, "validation-error")
    assert [error["field"] for error in problem["errors"]] == ["user_id"]


async def test_a_signed_token_with_a_nul_in_its_user_id_is_refused_not_a_500(client, partner, keypair):
    # As a token minted before ids were checked: signed by our own key, so only its claims are wrong.
    now = int(time.time())
    forged = jwt.encode({"iss": "lessons-gateway", "aud": "lessons-api", "sub": "a\u0000b", "role": "student",
                         "mkt": partner.marketplace_id, "iat": now, "exp": now + 60}, keypair[0], algorithm="EdDSA")
    response = await client.get("/v1/marketplace", headers={"X-Api-Key": partner.api_key,
                                                            "Authorization": f"Bearer {forged}"})
    assert_problem(response, 401, "invalid-token")
