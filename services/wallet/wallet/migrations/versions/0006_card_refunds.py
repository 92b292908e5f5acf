"""card refunds: staff's refunds to the card (RF-2), at most one live per booking (RF-3), and the
contact projection they check (the lesson's start, the student's latest message to the provider)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-21 14:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate refers to sqlmodel.sql.sqltypes.AutoString)
from alembic import op


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('lesson_starts',
    sa.Column('marketplace_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('booking_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('student_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('provider_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('as_of', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('marketplace_id', 'booking_id', name=op.f('pk_lesson_starts'))
    )
    op.create_table('student_contacts',
    sa.Column('marketplace_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('student_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('provider_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('last_written_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('marketplace_id', 'student_id', 'provider_id', name=op.f('pk_student_contacts'))
    )
    op.create_table('card_refunds',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('marketplace_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('booking_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('payment_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('student_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('amount_minor', sa.BigInteger(), nullable=False),
    sa.Column('currency', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('requested_by', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('failure_code', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('failure_reason', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
    sa.Column('processor_refund_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('refund_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("status IN ('pending', 'succeeded', 'failed', 'refused')", name=op.f('ck_card_refunds_status')),
    sa.CheckConstraint('amount_minor > 0', name=op.f('ck_card_refunds_positive')),
    sa.CheckConstraint("(status = 'succeeded') = (refund_id IS NOT NULL)", name=op.f('ck_card_refunds_succeeded_has_refund')),
    sa.ForeignKeyConstraint(['payment_id'], ['payments.id'], name=op.f('fk_card_refunds_payment_id_payments')),
    sa.ForeignKeyConstraint(['refund_id'], ['refunds.id'], name=op.f('fk_card_refunds_refund_id_refunds')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_card_refunds'))
    )
    # RF-3: a card refund of a booking is retried, never issued beside another (a refused one is final).
    op.create_index('uq_card_refunds_one_live_per_booking', 'card_refunds', ['marketplace_id', 'booking_id'],
                    unique=True, postgresql_where=sa.text("status IN ('pending', 'failed', 'succeeded')"))


def downgrade() -> None:
    op.drop_index('uq_card_refunds_one_live_per_booking', table_name='card_refunds',
                  postgresql_where=sa.text("status IN ('pending', 'failed', 'succeeded')"))
    op.drop_table('card_refunds')
    op.drop_table('student_contacts')
    op.drop_table('lesson_starts')
