"""User tokens: only the gateway's key, one algorithm, the right issuer, audience and lifetime."""

import base64
import hashlib
import hmac
import json
from datetime import timedelta

import jwt
import pytest
from cryptography.hazmat.primitives import serialization

from shared.auth import Role, TokenIssuer, TokenVerifier, generate_keypair
from shared.errors import Unauthorized

ISSUER, AUDIENCE = "lessons-gateway", "lessons-api"


@pytest.fixture(scope="module")
def keys():
    return generate_keypair()


def claims(**changes) -> dict:
    return {"iss": ISSUER, "aud": AUDIENCE, "sub": "u", "role": "staff", "mkt": "m", "iat": 0,
            "exp": 4_000_000_000, **changes}


def verifier(public_pem: str) -> TokenVerifier:
    return TokenVerifier(public_pem, ISSUER, AUDIENCE, leeway_s=0)


def test_a_token_round_trips_to_its_identity(keys):
    token, _ = TokenIssuer(keys[0], ISSUER, AUDIENCE).issue("stu-1", Role.STUDENT, "mkt-a")
    identity = verifier(keys[1]).verify(token)
    assert (identity.user_id, identity.role, identity.marketplace_id) == ("stu-1", Role.STUDENT, "mkt-a")


def test_a_token_signed_by_another_key_is_refused(keys):
    other_private, _ = generate_keypair()
    token, _ = TokenIssuer(other_private, ISSUER, AUDIENCE).issue("stu-1", Role.STUDENT, "mkt-a")
    with pytest.raises(Unauthorized, match="a key not known here"):
        verifier(keys[1]).verify(token)


def test_a_token_signed_by_another_key_under_our_key_id_is_refused(keys):
    other = serialization.load_pem_private_key(generate_keypair()[0].encode(), password=None)
    ours = TokenIssuer(keys[0], ISSUER, AUDIENCE).key_id
    forged = jwt.encode(claims(), other, algorithm="EdDSA", headers={"kid": ours})
    with pytest.raises(Unauthorized, match="Signature verification failed"):
        verifier(keys[1]).verify(forged)


def test_a_token_with_a_tampered_claim_is_refused(keys):
    token, _ = TokenIssuer(keys[0], ISSUER, AUDIENCE).issue("stu-1", Role.STUDENT, "mkt-a")
    header, payload, signature = token.split(".")
    body = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    body["role"] = "staff"
    tampered = base64.urlsafe_b64encode(json.dumps(body).encode()).decode().rstrip("=")
    with pytest.raises(Unauthorized, match="Signature verification failed"):
        verifier(keys[1]).verify(f"{header}.{tampered}.{signature}")


def test_a_token_of_alg_none_is_refused(keys):
    unsigned = jwt.encode(claims(), None, algorithm="none")
    with pytest.raises(Unauthorized):
        verifier(keys[1]).verify(unsigned)


def test_an_hmac_token_signed_with_our_public_key_is_refused(keys):
    # The key-confusion attack: HS256 with the public key's PEM as the secret, under our key id.
    header = {"alg": "HS256", "typ": "JWT", "kid": TokenIssuer(keys[0], ISSUER, AUDIENCE).key_id}
    signing_input = ".".join(base64.urlsafe_b64encode(json.dumps(part).encode()).decode().rstrip("=")
                             for part in (header, claims()))
    mac = hmac.new(keys[1].encode(), signing_input.encode(), hashlib.sha256).digest()
    forged = f"{signing_input}.{base64.urlsafe_b64encode(mac).decode().rstrip('=')}"
    with pytest.raises(Unauthorized, match="alg value is not allowed"):
        verifier(keys[1]).verify(forged)


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


def test_a_token_verified_once_is_still_refused_once_it_expires(keys, monkeypatch):
    token, expires_at = TokenIssuer(keys[0], ISSUER, AUDIENCE, ttl=timedelta(seconds=60)).issue("u", Role.STAFF, "m")
    checker = verifier(keys[1])
    assert checker.verify(token).user_id == "u"
    assert checker.verify(token).user_id == "u"  # the repeat, from what the first check learned
    later = expires_at.timestamp() + 1
    monkeypatch.setattr("shared.auth.time.time", lambda: later)
    monkeypatch.setattr("jwt.api_jwt.datetime", _frozen_datetime(later))
    with pytest.raises(Unauthorized) as refused:
        checker.verify(token)
    assert refused.value.slug == "token-expired"


def test_the_verified_tokens_remembered_are_bounded(keys):
    checker = verifier(keys[1])
    checker.REMEMBERED = 3
    issuer = TokenIssuer(keys[0], ISSUER, AUDIENCE)
    tokens = [issuer.issue(f"u{i}", Role.STUDENT, "m")[0] for i in range(5)]
    assert [checker.verify(t).user_id for t in tokens] == [f"u{i}" for i in range(5)]
    assert list(checker._verified) == tokens[2:]


def _frozen_datetime(timestamp: float):
    import datetime as real

    class Frozen(real.datetime):
        @classmethod
        def now(cls, tz=None):
            return real.datetime.fromtimestamp(timestamp, tz)

    return Frozen
