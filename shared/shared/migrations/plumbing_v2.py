"""Plumbing tables, second version: who holds an idempotency key while its request runs, so that a
key whose holder died is taken over at once. Frozen once released, like plumbing_v1."""

import sqlalchemy as sa
from alembic import op


def upgrade() -> None:
    op.add_column('idempotency_keys', sa.Column('holder', sa.String(length=100), nullable=True))


def downgrade() -> None:
    op.drop_column('idempotency_keys', 'holder')
