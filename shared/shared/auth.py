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
        self.issuer, self.audience, self.ttl = issuer, audience, ttl

    def issue(self, user_id: str, role: Role, marketplace_id: str) -> tuple[str, datetime]:
        if not _USER_ID.match(user_id):
            raise ValueError("a user id has 1 to 200 characters and no control characters")
        now = datetime.now(UTC)
        expires = now + self.ttl
        claims = {"iss": self.issuer, "aud": self.audience, "sub": user_id, "role": str(role),
                  "mkt": marketplace_id, "iat": now, "exp": expires, "jti": uuid4().hex}
        return jwt.encode(claims, self._key, algorithm=ALGORITHM), expires


class TokenVerifier:
    # A token is decoded and its signature checked once; a repeat (the same user's next request, or
    # the idempotency middleware and the route of one request) only checks its expiry. Bounded, the
    # oldest forgotten first.
    REMEMBERED = 4096

    def __init__(self, public_key_pem: str, issuer: str, audience: str, leeway_s: int = 5):
        if not public_key_pem.strip():
            raise ValueError("no token public key configured")
        self._key = serialization.load_pem_public_key(public_key_pem.encode())
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
            claims = jwt.decode(
                token, self._key, algorithms=[ALGORITHM], audience=self.audience, issuer=self.issuer,
                leeway=self.leeway, options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
            if not (isinstance(claims["sub"], str) and _USER_ID.match(claims["sub"])
                    and isinstance(claims["mkt"], str) and _USER_ID.match(claims["mkt"])):
                raise ValueError("its user or marketplace id is not one we issue")
            return Identity(user_id=claims["sub"], role=Role(claims["role"]),
                            marketplace_id=claims["mkt"], token_id=claims.get("jti", "")), int(claims["exp"])
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
    identity = request.app.state.token_verifier.verify(credentials.credentials)
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
