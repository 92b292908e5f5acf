"""the bookings' student and provider indexes led by the person, not the marketplace: a booking's
lookup by id within its marketplace then has only the primary key to take

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-21 15:10:00.000000
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for person in ('student', 'provider'):
        op.drop_index(f'ix_bookings_{person}', table_name='bookings')
        op.create_index(f'ix_bookings_{person}', 'bookings', [f'{person}_id', 'marketplace_id', 'starts_at'])


def downgrade() -> None:
    for person in ('student', 'provider'):
        op.drop_index(f'ix_bookings_{person}', table_name='bookings')
        op.create_index(f'ix_bookings_{person}', 'bookings', ['marketplace_id', f'{person}_id', 'starts_at'])
