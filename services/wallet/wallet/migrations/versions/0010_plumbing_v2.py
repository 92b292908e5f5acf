"""plumbing v2: idempotency key holders

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-08 01:30:00
"""
from collections.abc import Sequence

from shared.migrations import plumbing_v2

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    plumbing_v2.upgrade()


def downgrade() -> None:
    plumbing_v2.downgrade()
