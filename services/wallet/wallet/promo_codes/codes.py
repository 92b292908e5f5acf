"""The code a student types: 10 characters of Crockford's base32 (digits and letters without I, L, O,
U), 50 random bits, so it can't be guessed and reads aloud without confusion. Typing is forgiving:
case, spaces and dashes don't matter, and I/L read as 1, O as 0, as Crockford's decoding says."""

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 10
_TYPED_AS = str.maketrans({"I": "1", "L": "1", "O": "0"})


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(typed: str) -> str:
    return typed.upper().replace("-", "").replace(" ", "").translate(_TYPED_AS)
