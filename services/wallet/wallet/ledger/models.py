"""The journal's tables. Their invariants (balanced per currency, append-only, once per booking,
credits and escrow never negative) are enforced by the database: see migration 0002."""

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    ForeignKeyConstraint,
    Identity,
    Index,
    UniqueConstraint,
    text,
)
from sqlmodel import Field

from wallet.columns import ID_LENGTH, created_at_field, currency_field, id_field, marketplace_field, minor_units
from wallet.db import Base
from wallet.ledger.kinds import BOOKING_MONEY, ONCE_PER_BOOKING, TransactionKind

_KINDS = ", ".join(f"'{kind}'" for kind in TransactionKind)
_ONCE = ", ".join(f"'{kind}'" for kind in ONCE_PER_BOOKING)
_BOOKING_MONEY = ", ".join(f"'{kind}'" for kind in BOOKING_MONEY)


class LedgerTransaction(Base, table=True):
    __tablename__ = "ledger_transactions"
    __table_args__ = (
        UniqueConstraint("id", "marketplace_id", name="uq_ledger_transactions_id_marketplace"),
        Index("ix_ledger_transactions_booking", "marketplace_id", "booking_id"),
        Index("uq_ledger_transactions_once_per_booking", "marketplace_id", "booking_id", "kind", unique=True,
              postgresql_where=text(f"kind IN ({_ONCE})")),
        CheckConstraint(f"kind IN ({_KINDS})", name="kind"),
        CheckConstraint(f"booking_id IS NOT NULL OR kind NOT IN ({_BOOKING_MONEY})",
                        name="booking_money_names_booking"),
    )

    id: str = id_field()
    marketplace_id: str = marketplace_field()
    kind: str = Field(max_length=20)
    booking_id: str | None = Field(default=None, max_length=100)
    description: str = Field(max_length=300)
    created_at: datetime = created_at_field()


class Posting(Base, table=True):
    __tablename__ = "postings"
    __table_args__ = (
        ForeignKeyConstraint(["transaction_id", "marketplace_id"],
                             ["ledger_transactions.id", "ledger_transactions.marketplace_id"],
                             name="fk_postings_transaction"),
        ForeignKeyConstraint(["account_id", "marketplace_id", "currency"],
                             ["accounts.id", "accounts.marketplace_id", "accounts.currency"],
                             name="fk_postings_account"),
        CheckConstraint("amount_minor <> 0", name="nonzero"),
        Index("ix_postings_account_id_id", "account_id", "id"),
        Index("ix_postings_transaction_id", "transaction_id"),
    )

    # A growing number: the order postings were written in, which statements page through.
    id: int | None = Field(default=None, sa_column=Column(BigInteger, Identity(), primary_key=True))
    transaction_id: str = Field(max_length=ID_LENGTH)
    account_id: str = Field(max_length=ID_LENGTH)
    marketplace_id: str = marketplace_field()
    currency: str = currency_field()
    amount_minor: int = minor_units()
