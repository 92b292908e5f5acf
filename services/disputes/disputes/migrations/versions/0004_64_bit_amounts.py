"""every amount column 64-bit

A lesson's price may be up to 100 million of its currency's major unit (shared.currencies): 10^10
cents, past a 32-bit integer. booking's events carry such prices, and refunds are parts of them.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-08 02:30:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

AMOUNT_COLUMNS = (('lessons', 'price_minor'), ('reports', 'refund_minor'), ('proposals', 'refund_minor'))


def upgrade() -> None:
    for table, column in AMOUNT_COLUMNS:
        op.alter_column(table, column, type_=sa.BigInteger(), existing_type=sa.Integer(), existing_nullable=True)


def downgrade() -> None:
    # Fails, as it should, while any amount past a 32-bit integer is stored.
    for table, column in AMOUNT_COLUMNS:
        op.alter_column(table, column, type_=sa.Integer(), existing_type=sa.BigInteger(), existing_nullable=True)
