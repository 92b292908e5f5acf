"""card sandbox: the simulated processor's cards, charges, refunds and attempts, apart from the ledger

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 10:30:00.000000
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
    op.create_table('sandbox_attempts',
    sa.Column('marketplace_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('idempotency_key', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('marketplace_id', 'idempotency_key', name=op.f('pk_sandbox_attempts'))
    )
    op.create_table('sandbox_cards',
    sa.Column('token', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('marketplace_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('brand', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('last4', sqlmodel.sql.sqltypes.AutoString(length=4), nullable=False),
    sa.Column('exp_month', sa.Integer(), nullable=False),
    sa.Column('exp_year', sa.Integer(), nullable=False),
    sa.Column('behaviour', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('token', name=op.f('pk_sandbox_cards'))
    )
    op.create_table('sandbox_charges',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('marketplace_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('card_token', sa.String(length=40), nullable=False),
    sa.Column('amount_minor', sa.BigInteger(), nullable=False),
    sa.Column('currency', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column('idempotency_key', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('failure_code', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('refunded_minor', sa.BigInteger(), server_default='0', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("status IN ('succeeded', 'failed')", name=op.f('ck_sandbox_charges_status')),
    sa.CheckConstraint('refunded_minor <= amount_minor', name=op.f('ck_sandbox_charges_refunds_within_charge')),
    sa.ForeignKeyConstraint(['card_token'], ['sandbox_cards.token'], name=op.f('fk_sandbox_charges_card_token_sandbox_cards')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sandbox_charges')),
    sa.UniqueConstraint('marketplace_id', 'idempotency_key', name='uq_sandbox_charges_idempotency_key')
    )
    op.create_table('sandbox_refunds',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('marketplace_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('charge_id', sa.String(length=40), nullable=False),
    sa.Column('amount_minor', sa.BigInteger(), nullable=False),
    sa.Column('idempotency_key', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['charge_id'], ['sandbox_charges.id'], name=op.f('fk_sandbox_refunds_charge_id_sandbox_charges')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sandbox_refunds')),
    sa.UniqueConstraint('marketplace_id', 'idempotency_key', name='uq_sandbox_refunds_idempotency_key')
    )


def downgrade() -> None:
    op.drop_table('sandbox_refunds')
    op.drop_table('sandbox_charges')
    op.drop_table('sandbox_cards')
    op.drop_table('sandbox_attempts')
