"""probe tables and plumbing

Revision ID: 0001
Revises: 
Create Date: 2026-11-21 10:14:14.459172
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from shared.migrations import plumbing_v1

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('effects',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('probe_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('event_id', sa.Uuid(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_effects'))
    )
    op.create_index(op.f('ix_effects_probe_id'), 'effects', ['probe_id'], unique=False)
    plumbing_v1.upgrade()


def downgrade() -> None:
    plumbing_v1.downgrade()
    op.drop_index(op.f('ix_effects_probe_id'), table_name='effects')
    op.drop_table('effects')
