from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, Column, UniqueConstraint
from sqlmodel import Field

from wallet.accounts.kinds import AccountKind
from wallet.columns import USER_LENGTH, created_at_field, currency_field, id_field, marketplace_field
from wallet.db import Base

_KINDS = ", ".join(f"'{kind}'" for kind in AccountKind)


class Account(Base, table=True):
    """One account per marketplace, kind, owner and currency; its balance is the sum of its postings."""

    __tablename__ = "accounts"
    __table_args__ = (
        UniqueConstraint("marketplace_id", "kind", "owner_id", "currency", name="uq_accounts_identity"),
        # Target of the postings' composite foreign key: a posting can't cross marketplaces or currencies.
        UniqueConstraint("id", "marketplace_id", "currency", name="uq_accounts_id_marketplace_currency"),
        CheckConstraint(f"kind IN ({_KINDS})", name="kind"),
        CheckConstraint("currency ~ '^[A-Z]{3}$'", name="currency"),
    )

    id: str = id_field()
    marketplace_id: str = marketplace_field()
    kind: str = Field(max_length=30)
    owner_id: str = Field(max_length=USER_LENGTH)
    currency: str = currency_field()
    created_at: datetime = created_at_field()
    # The sum of its postings, kept by the database for the kinds with a floor (NEVER_NEGATIVE), so a
    # debit reads one locked row; None for the others, whose balance is summed (migration 0008).
    balance_minor: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
