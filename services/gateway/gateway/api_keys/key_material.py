"""What an API key looks like and what of it is kept.

Keys are 32 random bytes, so a fast hash (SHA-256) is enough: there is nothing to guess that a
slow password hash would protect.
"""

import hashlib
import secrets

KEY_PREFIX = "lk_"
# Enough of the key for a human to tell keys apart in a list, far too little to use it.
VISIBLE_CHARS = len(KEY_PREFIX) + 8


def new_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def visible_prefix(key: str) -> str:
    return key[:VISIBLE_CHARS]
