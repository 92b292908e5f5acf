"""api key kinds and scopes, allowed origins

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-08 02:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Keys issued before the split keep what they could do: secret, every role, the policy.
    op.add_column('api_keys', sa.Column('kind', sa.String(length=20), nullable=False, server_default='secret'))
    op.add_column('api_keys', sa.Column('roles', sa.ARRAY(sa.String(length=20)), nullable=False,
                                        server_default=sa.text("'{student,provider,staff}'")))
    op.add_column('api_keys', sa.Column('max_token_ttl_s', sa.Integer(), nullable=False, server_default='900'))
    op.add_column('api_keys', sa.Column('can_change_policy', sa.Boolean(), nullable=False,
                                        server_default=sa.true()))
    for column in ('kind', 'roles', 'max_token_ttl_s', 'can_change_policy'):
        op.alter_column('api_keys', column, server_default=None)
    op.add_column('marketplaces', sa.Column('cors_origins', sa.ARRAY(sa.String(length=300)), nullable=False,
                                            server_default=sa.text("'{}'")))
    op.alter_column('marketplaces', 'cors_origins', server_default=None)
    op.create_index('ix_marketplaces_cors_origins', 'marketplaces', ['cors_origins'], unique=False,
                    postgresql_using='gin')


def downgrade() -> None:
    op.drop_index('ix_marketplaces_cors_origins', table_name='marketplaces', postgresql_using='gin')
    op.drop_column('marketplaces', 'cors_origins')
    for column in ('can_change_policy', 'max_token_ttl_s', 'roles', 'kind'):
        op.drop_column('api_keys', column)
