"""User tokens: the gateway signs them (Ed25519), every service verifies them with the public key.

Only EdDSA is accepted, so a token can't pick a weaker algorithm (or "none") for itself.
"""

import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Annotated
from uuid import uuid4

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from shared.errors import Forbidden, Unauthorized
from shared.token_keys import KeySet, key_id, load_public_key

ALGORITHM = "EdDSA"
# What a user id may be: printable, no control characters (a NUL can't even be stored), not too long.
USER_ID_PATTERN = r"^[^\x00-\x1f\x7f]{1,200}$"
_USER_ID = re.compile(USER_ID_PATTERN)


class Role(StrEnum):
    STUDENT = "student"
    PROVIDER = "provider"
    STAFF = "staff"


@dataclass(frozen=True)
class Identity:
    user_id: str
    role: Role
    marketplace_id: str
    token_id: str = ""
    # The API key that minted the token (None in tokens minted before tokens named it): revoking the
    # key stops the token.
    api_key_id: str | None = None


def generate_keypair() -> tuple[str, str]:
    """(private PEM, public PEM) of a new Ed25519 key."""
    key = Ed25519PrivateKey.generate()
    private = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()).decode()
    public = key.public_key().public_bytes(serialization.Encoding.PEM,
                                           serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    return private, public


class TokenIssuer:
    def __init__(self, private_key_pem: str, issuer: str, audience: str, ttl: timedelta = timedelta(minutes=15)):
        self._key = serialization.load_pem_private_key(private_key_pem.encode(), password=None)
        # Every token names its key, so verifiers pick the right one while keys rotate.
        self.key_id = key_id(self._key.public_key())
        self.issuer, self.audience, self.ttl = issuer, audience, ttl

    def issue(self, user_id: str, role: Role, marketplace_id: str, api_key_id: str | None = None,
              ttl: timedelta | None = None) -> tuple[str, datetime]:
        if not _USER_ID.match(user_id):
            raise ValueError("a user id has 1 to 200 characters and no control characters")
        now = datetime.now(UTC)
        expires = now + (ttl or self.ttl)
        claims = {"iss": self.issuer, "aud": self.audience, "sub": user_id, "role": str(role),
                  "mkt": marketplace_id, "iat": now, "exp": expires, "jti": uuid4().hex}
        if api_key_id is not None:
            claims["akid"] = api_key_id
        return jwt.encode(claims, self._key, algorithm=ALGORITHM, headers={"kid": self.key_id}), expires


class UnknownSigningKey(Unauthorized):
    """A token naming a key this verifier doesn't know (yet): worth one look at the gateway's JWKS."""


class TokenVerifier:
    # A token is decoded and its signature checked once; a repeat (the same user's next request, or
    # the idempotency middleware and the route of one request) only checks its expiry. Bounded, the
    # oldest forgotten first.
    REMEMBERED = 4096

    def __init__(self, keys: KeySet | str, issuer: str, audience: str, leeway_s: int = 5):
        self.keys = KeySet([load_public_key(keys)]) if isinstance(keys, str) else keys
        self.issuer, self.audience, self.leeway = issuer, audience, leeway_s
        self._verified: dict[str, tuple[Identity, int]] = {}

    def verify(self, token: str) -> Identity:
        known = self._verified.get(token)
        if known is not None and time.time() <= known[1] + self.leeway:
            return known[0]
        identity, expires_at = self._decode(token)  # an expired one raises here, as when first seen
        if len(self._verified) >= self.REMEMBERED:
            del self._verified[next(iter(self._verified))]
        self._verified[token] = (identity, expires_at)
        return identity

    def _decode(self, token: str) -> tuple[Identity, int]:
        try:
            kid = jwt.get_unverified_header(token).get("kid")
            if kid is not None and not isinstance(kid, str):
                raise ValueError("its key id is not a string")
            key = self.keys.get(kid)
            if key is None:
                raise UnknownSigningKey(f"The token is signed with a key not known here ({kid!r}).",
                                        slug="invalid-token")
            claims = jwt.decode(
                token, key, algorithms=[ALGORITHM], audience=self.audience, issuer=self.issuer,
                leeway=self.leeway, options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
            if not (isinstance(claims["sub"], str) and _USER_ID.match(claims["sub"])
                    and isinstance(claims["mkt"], str) and _USER_ID.match(claims["mkt"])):
                raise ValueError("its user or marketplace id is not one we issue")
            api_key_id = claims.get("akid")
            if api_key_id is not None and not isinstance(api_key_id, str):
                raise ValueError("its key id is not one we issue")
            return Identity(user_id=claims["sub"], role=Role(claims["role"]), marketplace_id=claims["mkt"],
                            token_id=claims.get("jti", ""), api_key_id=api_key_id), int(claims["exp"])
        except jwt.ExpiredSignatureError:
            raise Unauthorized("The token has expired.", slug="token-expired") from None
        except (jwt.InvalidTokenError, KeyError, ValueError) as exc:
            raise Unauthorized(f"The token is not valid: {exc}", slug="invalid-token") from None


_bearer = HTTPBearer(auto_error=False)


# The dependencies are `async def` although they do no I/O: FastAPI runs a plain `def` dependency in
# a worker thread, a hand-off each way on every request.
async def current_identity(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> Identity:
    if credentials is None:
        raise Unauthorized("Send a user token as 'Authorization: Bearer <token>'.", slug="missing-token",
                           headers={"WWW-Authenticate": "Bearer"})
    verifier: TokenVerifier = request.app.state.token_verifier
    try:
        identity = verifier.verify(credentials.credentials)
    except UnknownSigningKey:
        if not verifier.keys.may_fetch:
            raise
        await verifier.keys.fetch()  # the gateway may have started signing with a new key
        identity = verifier.verify(credentials.credentials)
    if identity.api_key_id is not None and identity.api_key_id in request.app.state.revoked_keys:
        raise Unauthorized("The key that issued this token has been revoked; get a new token.",
                           slug="token-key-revoked")
    request.state.identity = identity
    return identity


CurrentIdentity = Annotated[Identity, Depends(current_identity)]


def require_role(*roles: Role):
    async def check(identity: CurrentIdentity) -> Identity:
        if identity.role not in roles:
            raise Forbidden(f"This action needs the role {' or '.join(roles)}.", slug="role-required")
        return identity

    return Depends(check)


StaffIdentity = Annotated[Identity, require_role(Role.STAFF)]
