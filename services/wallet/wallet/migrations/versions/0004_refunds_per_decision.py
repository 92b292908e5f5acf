"""refunds once per decision: a booking may be refunded several times (a cancellation's refund, then
exceptions), each decision once; the escrow floor keeps them within the capture

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21 11:15:23.275967
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate refers to sqlmodel.sql.sqltypes.AutoString)
from alembic import op


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The refunds so far were each a booking's one full refund (declined or released): decision "full".
    op.add_column('refunds', sa.Column('decision_id', sqlmodel.sql.sqltypes.AutoString(length=100),
                                       server_default='full', nullable=False))
    op.alter_column('refunds', 'decision_id', server_default=None)
    op.drop_constraint('uq_refunds_booking', 'refunds', type_='unique')
    op.create_unique_constraint('uq_refunds_booking_decision', 'refunds', ['marketplace_id', 'booking_id', 'decision_id'])
    # Capture and payout stay once per booking; refunds leave this index (see ledger/kinds.py).
    op.drop_index('uq_ledger_transactions_once_per_booking', table_name='ledger_transactions')
    op.create_index('uq_ledger_transactions_once_per_booking', 'ledger_transactions',
                    ['marketplace_id', 'booking_id', 'kind'], unique=True,
                    postgresql_where=sa.text("kind IN ('capture', 'payout')"))


def downgrade() -> None:
    op.drop_index('uq_ledger_transactions_once_per_booking', table_name='ledger_transactions')
    op.create_index('uq_ledger_transactions_once_per_booking', 'ledger_transactions',
                    ['marketplace_id', 'booking_id', 'kind'], unique=True,
                    postgresql_where=sa.text("kind IN ('capture', 'refund', 'payout')"))
    op.drop_constraint('uq_refunds_booking_decision', 'refunds', type_='unique')
    op.create_unique_constraint('uq_refunds_booking', 'refunds', ['marketplace_id', 'booking_id'])
    op.drop_column('refunds', 'decision_id')
