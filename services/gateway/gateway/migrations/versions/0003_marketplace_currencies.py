"""marketplace currencies, routed idempotency keys, plumbing v2

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-08 02:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from shared.migrations import plumbing_v2

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Marketplaces registered before currencies were named took euros in every test and example.
    op.add_column('marketplaces', sa.Column('currencies', sa.ARRAY(sa.String(length=3)), nullable=False,
                                            server_default=sa.text("'{EUR}'")))
    op.alter_column('marketplaces', 'currencies', server_default=None)
    op.create_table('routed_idempotency_keys',
    sa.Column('scope', sa.String(length=300), nullable=False),
    sa.Column('key', sa.String(length=255), nullable=False),
    sa.Column('operation', sa.String(length=2100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('scope', 'key', name=op.f('pk_routed_idempotency_keys'))
    )
    op.create_index(op.f('ix_routed_idempotency_keys_created_at'), 'routed_idempotency_keys', ['created_at'],
                    unique=False)
    plumbing_v2.upgrade()


def downgrade() -> None:
    plumbing_v2.downgrade()
    op.drop_index(op.f('ix_routed_idempotency_keys_created_at'), table_name='routed_idempotency_keys')
    op.drop_table('routed_idempotency_keys')
    op.drop_column('marketplaces', 'currencies')
