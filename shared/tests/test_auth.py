"""User tokens: only the gateway's key, one algorithm, the right issuer, audience and lifetime."""

from datetime import timedelta

import jwt
import pytest

from shared.auth import Role, TokenIssuer, TokenVerifier, generate_keypair
from shared.errors import Unauthorized

ISSUER, AUDIENCE = "lessons-gateway", "lessons-api"


@pytest.fixture(scope="module")
def keys():
    return generate_keypair()


def verifier(public_pem: str) -> TokenVerifier:
    return TokenVerifier(public_pem, ISSUER, AUDIENCE, leeway_s=0)


def test_a_token_round_trips_to_its_identity(keys):
    token, _ = TokenIssuer(keys[0], ISSUER, AUDIENCE).issue("stu-1", Role.STUDENT, "mkt-a")
    identity = verifier(keys[1]).verify(token)
    assert (identity.user_id, identity.role, identity.marketplace_id) == ("stu-1", Role.STUDENT, "mkt-a")


def test_a_token_signed_by_another_key_is_refused(keys):
    other_private, _ = generate_keypair()
    token, _ = TokenIssuer(other_private, ISSUER, AUDIENCE).issue("stu-1", Role.STUDENT, "mkt-a")
    with pytest.raises(Unauthorized, match="Signature verification failed"):
        verifier(keys[1]).verify(token)


def test_an_expired_token_is_refused(keys):
    token, _ = TokenIssuer(keys[0], ISSUER, AUDIENCE, ttl=timedelta(seconds=-1)).issue("u", Role.STAFF, "m")
    with pytest.raises(Unauthorized) as refused:
        verifier(keys[1]).verify(token)
    assert refused.value.slug == "token-expired"


@pytest.mark.parametrize(("issuer", "audience"), [("someone-else", AUDIENCE), (ISSUER, "another-api")])
def test_a_token_for_another_issuer_or_audience_is_refused(keys, issuer, audience):
    token, _ = TokenIssuer(keys[0], issuer, audience).issue("u", Role.STUDENT, "m")
    with pytest.raises(Unauthorized):
        verifier(keys[1]).verify(token)


def test_a_token_choosing_another_algorithm_is_refused(keys):
    # A token may not pick its algorithm: HMAC (the key-confusion attack's tool) is refused outright.
    forged = jwt.encode({"iss": ISSUER, "aud": AUDIENCE, "sub": "u", "role": "staff", "mkt": "m",
                         "iat": 0, "exp": 4_000_000_000}, "s" * 32, algorithm="HS256")
    with pytest.raises(Unauthorized, match="alg value is not allowed"):
        verifier(keys[1]).verify(forged)


def test_a_token_with_an_unknown_role_is_refused(keys):
    from cryptography.hazmat.primitives import serialization

    private = serialization.load_pem_private_key(keys[0].encode(), password=None)
    token = jwt.encode({"iss": ISSUER, "aud": AUDIENCE, "sub": "u", "role": "admin", "mkt": "m",
                        "iat": 0, "exp": 4_000_000_000}, private, algorithm="EdDSA")
    with pytest.raises(Unauthorized):
        verifier(keys[1]).verify(token)
