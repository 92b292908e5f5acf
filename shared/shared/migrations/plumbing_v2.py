"""Plumbing tables, second version: who holds an idempotency key while its request runs, so that a
key whose holder died is taken over at once; the API keys the gateway revoked, so that every service
refuses their tokens. Frozen once released, like plumbing_v1."""

import sqlalchemy as sa
from alembic import op


def upgrade() -> None:
    op.add_column('idempotency_keys', sa.Column('holder', sa.String(length=100), nullable=True))
    op.create_table('revoked_api_keys',
    sa.Column('key_id', sa.String(length=40), nullable=False),
    sa.Column('marketplace_id', sa.String(length=100), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('key_id', name=op.f('pk_revoked_api_keys'))
    )


def downgrade() -> None:
    op.drop_table('revoked_api_keys')
    op.drop_column('idempotency_keys', 'holder')
