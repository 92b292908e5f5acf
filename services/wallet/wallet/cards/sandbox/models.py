"""The sandbox processor's own state. `marketplace_id` is the merchant account a call was made for:
cards, charges and idempotency keys of one marketplace are invisible to another. No card number or
security code is kept, and a token only as its SHA-256 (a leaked table can't be spent)."""

from datetime import datetime

from sqlalchemy import CheckConstraint, Column, DateTime, ForeignKey, String, UniqueConstraint
from sqlmodel import Field

from wallet.columns import created_at_field, currency_field, marketplace_field, minor_units
from wallet.db import Base


class SandboxToken(Base, table=True):
    """A single-use token the tokenization route issued: what the card is (never its number), until a
    merchant attaches it (`used_at`, `card_id`) or it expires. Bound to no merchant before: the sandbox
    has no publishable keys, so the merchant that spends it first gets the card."""

    __tablename__ = "sandbox_tokens"

    token_sha256: str = Field(primary_key=True, min_length=64, max_length=64)
    brand: str = Field(max_length=20)
    last4: str = Field(max_length=4)
    exp_month: int
    exp_year: int
    behaviour: str = Field(max_length=30)  # what charging the card will do: card_numbers.Behaviour
    created_at: datetime = created_at_field()
    expires_at: datetime = Field(sa_type=DateTime(timezone=True))
    used_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    card_id: str | None = Field(default=None, max_length=40)


class SandboxCard(Base, table=True):
    """A merchant's card: the payment method a token was attached as, which charges name (`card_...`)."""

    __tablename__ = "sandbox_cards"

    id: str = Field(primary_key=True, max_length=40)
    marketplace_id: str = marketplace_field()
    brand: str = Field(max_length=20)
    last4: str = Field(max_length=4)
    exp_month: int
    exp_year: int
    behaviour: str = Field(max_length=30)  # what charging it does: card_numbers.Behaviour
    created_at: datetime = created_at_field()


class SandboxCharge(Base, table=True):
    __tablename__ = "sandbox_charges"
    __table_args__ = (
        UniqueConstraint("marketplace_id", "idempotency_key", name="uq_sandbox_charges_idempotency_key"),
        CheckConstraint("refunded_minor <= amount_minor", name="refunds_within_charge"),
        CheckConstraint("status IN ('succeeded', 'failed')", name="status"),
    )

    id: str = Field(primary_key=True, max_length=40)
    marketplace_id: str = marketplace_field()
    card_id: str = Field(sa_column=Column(String(40), ForeignKey("sandbox_cards.id"), nullable=False))
    amount_minor: int = minor_units()
    currency: str = currency_field()
    idempotency_key: str = Field(max_length=255)
    status: str = Field(max_length=10)
    failure_code: str | None = Field(default=None, max_length=40)
    refunded_minor: int = minor_units(server_default="0")
    created_at: datetime = created_at_field()


class SandboxRefund(Base, table=True):
    __tablename__ = "sandbox_refunds"
    __table_args__ = (
        UniqueConstraint("marketplace_id", "idempotency_key", name="uq_sandbox_refunds_idempotency_key"),
    )

    id: str = Field(primary_key=True, max_length=40)
    marketplace_id: str = marketplace_field()
    charge_id: str = Field(sa_column=Column(String(40), ForeignKey("sandbox_charges.id"), nullable=False))
    amount_minor: int = minor_units()
    idempotency_key: str = Field(max_length=255)
    created_at: datetime = created_at_field()


class SandboxAttempt(Base, table=True):
    """How often a charge was attempted under one key: drives the cards that fail intermittently."""

    __tablename__ = "sandbox_attempts"

    marketplace_id: str = Field(primary_key=True, max_length=100)
    idempotency_key: str = Field(primary_key=True, max_length=255)
    attempts: int = 0


class SandboxOutage(Base, table=True):
    """A processor outage of one merchant account until `until`: every charge and refund meanwhile fails
    with a retryable error, as a real processor's 5xx does. Started and ended through the sandbox's
    control (control.py), as a processor's status page would report one."""

    __tablename__ = "sandbox_outages"

    marketplace_id: str = Field(primary_key=True, max_length=100)
    until: datetime = Field(sa_type=DateTime(timezone=True))
