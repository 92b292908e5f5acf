"""marketplaces' currencies; every amount column 64-bit

A price may be up to 100 million of its currency's major unit (shared.currencies): 10^10 cents,
past a 32-bit integer, which gave 500s from 2,147,483,648 minor units on.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-08 02:30:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

AMOUNT_COLUMNS = {
    'offerings': ('price_amount_minor',),
    'bookings': ('price_amount_minor', 'payment_captured_minor', 'payment_refunded_minor',
                 'provider_paid_gross_minor', 'provider_paid_net_minor', 'platform_fee_minor'),
    'cancellations': ('price_minor', 'refund_decided_minor'),
    'refund_decisions': ('amount_minor',),
}


def upgrade() -> None:
    # Null for the marketplaces known so far: registered before currencies were named, they take any
    # currency in circulation, as their offerings already may be priced in.
    op.add_column('marketplaces', sa.Column('currencies', sa.ARRAY(sa.String(length=3)), nullable=True))
    for table, columns in AMOUNT_COLUMNS.items():
        for column in columns:
            op.alter_column(table, column, type_=sa.BigInteger(), existing_type=sa.Integer())


def downgrade() -> None:
    # Fails, as it should, while any amount past a 32-bit integer is stored.
    for table, columns in AMOUNT_COLUMNS.items():
        for column in columns:
            op.alter_column(table, column, type_=sa.Integer(), existing_type=sa.BigInteger())
    op.drop_column('marketplaces', 'currencies')
