"""bookings follow disputes' problem reports: the open report, the missed lesson

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 10:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401
from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('bookings', sa.Column('open_report_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True))
    op.add_column('bookings', sa.Column('missed_report_id', sqlmodel.sql.sqltypes.AutoString(length=100),
                                        nullable=True))
    op.add_column('bookings', sa.Column('missed_reported_by', sqlmodel.sql.sqltypes.AutoString(length=20),
                                        nullable=True))
    op.add_column('bookings', sa.Column('missed_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.drop_column('bookings', 'missed_at')
    op.drop_column('bookings', 'missed_reported_by')
    op.drop_column('bookings', 'missed_report_id')
    op.drop_column('bookings', 'open_report_id')
