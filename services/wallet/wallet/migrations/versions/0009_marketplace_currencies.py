"""marketplace currencies: the ISO 4217 currencies each marketplace accepts, kept from gateway's
marketplace_registered event; NULL (or no row) for a marketplace that accepts any currency in circulation

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-08 03:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate refers to sqlmodel.sql.sqltypes.AutoString)
from alembic import op

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'marketplace_currencies',
        sa.Column('marketplace_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column('currencies', sa.ARRAY(sa.String(length=3)), nullable=True),
        sa.PrimaryKeyConstraint('marketplace_id', name=op.f('pk_marketplace_currencies')),
    )


def downgrade() -> None:
    op.drop_table('marketplace_currencies')
