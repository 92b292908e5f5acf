"""The public keys user tokens are verified with, by key id (`kid`), and their JWKS form.

A key's id is its RFC 7638 thumbprint: the same key has the same id everywhere, with nothing to
configure. The gateway publishes its keys as a JWKS (/.well-known/jwks.json); a service that is
given the JWKS URL fetches it when a token names a key it doesn't know, so a new signing key is
picked up without a restart, and tokens of the previous key keep working while the gateway still
publishes it.
"""

import base64
import hashlib
import json
import time

import httpx
import structlog
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

log = structlog.get_logger(__name__)

# A token naming an unknown key makes a fetch at most this often: forged kids can't flood the gateway.
REFETCH_AT_MOST_EVERY_S = 10.0
FETCH_TIMEOUT_S = 5.0


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def public_jwk(key: Ed25519PublicKey) -> dict[str, str]:
    x = _b64url(key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))
    return {"kty": "OKP", "crv": "Ed25519", "x": x}


def key_id(key: Ed25519PublicKey) -> str:
    """RFC 7638: SHA-256 of the JWK's required members, in lexicographic order, without spaces."""
    canonical = json.dumps(public_jwk(key), sort_keys=True, separators=(",", ":")).encode()
    return _b64url(hashlib.sha256(canonical).digest())


def load_public_key(pem: str) -> Ed25519PublicKey:
    key = serialization.load_pem_public_key(pem.encode())
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("a token key must be an Ed25519 public key")
    return key


def jwks(keys: list[Ed25519PublicKey]) -> dict:
    return {"keys": [{**public_jwk(key), "kid": key_id(key), "alg": "EdDSA", "use": "sig"} for key in keys]}


def keys_of_jwks(document: dict) -> dict[str, Ed25519PublicKey]:
    """The Ed25519 signing keys of a JWKS, by kid; others (and malformed entries) are skipped."""
    found: dict[str, Ed25519PublicKey] = {}
    for entry in document.get("keys", []) if isinstance(document, dict) else []:
        if not isinstance(entry, dict) or entry.get("kty") != "OKP" or entry.get("crv") != "Ed25519":
            continue
        try:
            raw = base64.urlsafe_b64decode(entry["x"] + "=" * (-len(entry["x"]) % 4))
            key = Ed25519PublicKey.from_public_bytes(raw)
        except (KeyError, TypeError, ValueError):
            continue
        found[key_id(key)] = key  # the id we compute, not the one claimed: a JWKS can't alias a key
    return found


class KeySet:
    """The keys a service trusts: those configured, and those of the gateway's JWKS if it has a URL."""

    def __init__(self, configured: list[Ed25519PublicKey], jwks_url: str | None = None):
        self._configured = {key_id(key): key for key in configured}
        self._fetched: dict[str, Ed25519PublicKey] = {}
        self.jwks_url = jwks_url
        self.refetch_every_s = REFETCH_AT_MOST_EVERY_S
        self._fetched_at = float("-inf")

    def get(self, kid: str | None) -> Ed25519PublicKey | None:
        if kid is None:
            # A token from before tokens named their key: only a lone configured key can be meant.
            return next(iter(self._configured.values())) if len(self._configured) == 1 else None
        return self._configured.get(kid) or self._fetched.get(kid)

    @property
    def may_fetch(self) -> bool:
        return self.jwks_url is not None and time.monotonic() - self._fetched_at >= self.refetch_every_s

    async def fetch(self) -> None:
        """Read the JWKS again (the gateway rotated its key); keeps the last keys if it can't."""
        self._fetched_at = time.monotonic()
        try:
            async with httpx.AsyncClient(timeout=FETCH_TIMEOUT_S, trust_env=False) as client:
                response = await client.get(self.jwks_url)
                response.raise_for_status()
                self._fetched = keys_of_jwks(response.json())
        except (httpx.HTTPError, ValueError) as exc:
            log.warning("token_keys.jwks_unavailable", url=self.jwks_url, error=type(exc).__name__)
