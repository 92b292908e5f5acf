"""card tokens: cards are tokenized at the sandbox processor's own route and the wallet attaches the
single-use token; the sandbox keeps tokens by their SHA-256, a saved card is the processor's payment
method (`sandbox_cards.id`, charged as `sandbox_charges.card_id`), and the wallet keeps that id
(`payment_methods.processor_payment_method_id`). Renames keep every saved card chargeable.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-10 09:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate refers to sqlmodel.sql.sqltypes.AutoString)
from alembic import op

revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'sandbox_tokens',
        sa.Column('token_sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('brand', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column('last4', sqlmodel.sql.sqltypes.AutoString(length=4), nullable=False),
        sa.Column('exp_month', sa.Integer(), nullable=False),
        sa.Column('exp_year', sa.Integer(), nullable=False),
        sa.Column('behaviour', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('card_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.PrimaryKeyConstraint('token_sha256', name=op.f('pk_sandbox_tokens')),
    )
    op.alter_column('sandbox_cards', 'token', new_column_name='id')
    op.alter_column('sandbox_charges', 'card_token', new_column_name='card_id')
    op.execute('ALTER TABLE sandbox_charges RENAME CONSTRAINT fk_sandbox_charges_card_token_sandbox_cards '
               'TO fk_sandbox_charges_card_id_sandbox_cards')
    op.alter_column('payment_methods', 'processor_token', new_column_name='processor_payment_method_id')


def downgrade() -> None:
    op.alter_column('payment_methods', 'processor_payment_method_id', new_column_name='processor_token')
    op.execute('ALTER TABLE sandbox_charges RENAME CONSTRAINT fk_sandbox_charges_card_id_sandbox_cards '
               'TO fk_sandbox_charges_card_token_sandbox_cards')
    op.alter_column('sandbox_charges', 'card_id', new_column_name='card_token')
    op.alter_column('sandbox_cards', 'id', new_column_name='token')
    op.drop_table('sandbox_tokens')
