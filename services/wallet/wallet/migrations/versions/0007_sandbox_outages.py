"""sandbox outages: a merchant account's simulated processor outage, charges and refunds failing

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-21 13:20:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate refers to sqlmodel.sql.sqltypes.AutoString)
from alembic import op

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'sandbox_outages',
        sa.Column('marketplace_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column('until', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('marketplace_id', name=op.f('pk_sandbox_outages')),
    )


def downgrade() -> None:
    op.drop_table('sandbox_outages')
