"""disputes closed undecided when the missed-lesson flow settles the lesson first

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 13:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate refers to sqlmodel.sql.sqltypes.AutoString)
from alembic import op


revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('disputes', sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True))
    op.add_column('disputes', sa.Column('closed_by', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True))


def downgrade() -> None:
    op.drop_column('disputes', 'closed_by')
    op.drop_column('disputes', 'closed_at')
