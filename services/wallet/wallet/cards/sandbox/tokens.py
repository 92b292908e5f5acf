"""The sandbox's single-use card tokens: issued for card details by the tokenization route (whoever
calls it, as a processor's public endpoint is), spent once by a merchant that attaches the card.

A token is a bearer secret until it is spent, so the sandbox keeps only its SHA-256: the table says
what the card is (brand, last four digits, expiry, behaviour), never its number, and holds nothing
that could be spent. Issuing and spending each commit on their own, as an external system's would.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from pydantic import SecretStr
from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncEngine

from wallet.cards.errors import InvalidToken
from wallet.cards.port import ProcessorCard
from wallet.cards.sandbox.card_numbers import CardDetails, behaviour_of, brand_of, digits_of
from wallet.cards.sandbox.models import SandboxCard, SandboxToken
from wallet.identifiers import new_id

tokens, cards = SandboxToken.__table__, SandboxCard.__table__

TOKEN_PREFIX = "tok_"
# Long enough for a page to send the token on to its backend, short enough that one left in a
# browser's history is worthless soon after.
TOKEN_LIFETIME = timedelta(minutes=30)
TOKENIZE_AGAIN = "tokenize the card again"
# How long a token's row outlives its issue (the scheduler's housekeeping trims it then): a spent one
# keeps answering "used" rather than "unknown" for a while, then nothing of it is left.
TOKENS_KEPT_FOR = timedelta(days=1)


@dataclass(frozen=True)
class IssuedToken:
    token: str
    brand: str
    last4: str
    exp_month: int
    exp_year: int
    expires_at: datetime


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def issue_token(engine: AsyncEngine, card: CardDetails) -> IssuedToken:
    """A token for the card, or InvalidCard naming the detail the sandbox refuses."""
    now = datetime.now(UTC)
    behaviour = behaviour_of(card, now.date())
    number = digits_of(card.number)
    issued = IssuedToken(TOKEN_PREFIX + secrets.token_hex(20), brand_of(number), number[-4:], card.exp_month,
                         card.exp_year, now + TOKEN_LIFETIME)
    async with engine.begin() as conn:
        await conn.execute(insert(tokens).values(
            token_sha256=token_digest(issued.token), brand=issued.brand, last4=issued.last4,
            exp_month=issued.exp_month, exp_year=issued.exp_year, behaviour=behaviour, expires_at=issued.expires_at))
    return issued


async def attach_token(engine: AsyncEngine, merchant: str, token: SecretStr) -> ProcessorCard:
    """Spend the token on a card of the merchant's; InvalidToken if it is unknown, spent or expired.
    One statement marks it spent, so of two concurrent attaches exactly one gets the card."""
    digest, card_id = token_digest(token.get_secret_value()), new_id("card")
    async with engine.begin() as conn:
        spent = (await conn.execute(
            update(tokens).where(tokens.c.token_sha256 == digest, tokens.c.used_at.is_(None),
                                 tokens.c.expires_at > datetime.now(UTC))
            .values(used_at=datetime.now(UTC), card_id=card_id)
            .returning(tokens.c.brand, tokens.c.last4, tokens.c.exp_month, tokens.c.exp_year,
                       tokens.c.behaviour))).mappings().first()
        if spent is None:
            raise await _why_refused(conn, digest)
        await conn.execute(insert(cards).values(id=card_id, marketplace_id=merchant, **spent))
    return ProcessorCard(card_id, spent["brand"], spent["last4"], spent["exp_month"], spent["exp_year"])


async def _why_refused(conn, digest: str) -> InvalidToken:
    known = (await conn.execute(select(tokens.c.used_at).where(tokens.c.token_sha256 == digest))).first()
    if known is None:
        return InvalidToken("token_unknown", f"the card processor knows no such token; {TOKENIZE_AGAIN}")
    if known.used_at is not None:
        return InvalidToken("token_used", f"this token was used already (a token saves one card once); "
                                          f"{TOKENIZE_AGAIN}")
    return InvalidToken("token_expired", f"this token expired ({TOKEN_LIFETIME.seconds // 60} minutes after it "
                                         f"was issued); {TOKENIZE_AGAIN}")
