"""What an API key looks like and what of it is kept.

Keys are 32 random bytes, so a fast hash (SHA-256) is enough: there is nothing to guess that a
slow password hash would protect. The prefix tells a key's kind at a glance (and to secret scanners):
`sk_` secret, `pk_` publishable; `lk_` keys, issued before the split, are secret keys.
"""

import hashlib
import secrets

from gateway.api_keys.models import KeyKind

PREFIXES = {KeyKind.SECRET: "sk_", KeyKind.PUBLISHABLE: "pk_"}
# Enough of the key for a human to tell keys apart in a list, far too little to use it.
VISIBLE_CHARS = 3 + 8


def new_key(kind: KeyKind) -> str:
    return PREFIXES[kind] + secrets.token_urlsafe(32)


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def visible_prefix(key: str) -> str:
    return key[:VISIBLE_CHARS]
